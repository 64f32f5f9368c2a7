// A compliance report takes Ajv's compiled validator's acceptance as the
// audit schema's verdict and asks the python-jsonschema emulation only about
// the lines Ajv refuses. That is right only if Ajv accepts nothing the
// emulation refuses: checked here over every artifact of the corpora, and
// over invalid ones made from them in every way the schema can be broken
// (values JavaScript and Python read differently included).
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import {parseJson} from '../../src/canonical/json.js';
import {bestMatch} from '../../src/jsonschema/index.js';
import {deepCopy, type PyDict, PyFloat, type PyValue, toPlain} from '../../src/python/values.js';
import {ArtifactClassifier, auditArtifactSchema} from '../../src/report/artifact-facts.js';
import validateAuditArtifact from '../../src/report/audit-schema.generated.js';

const data = new URL('../data/', import.meta.url).pathname;

function jsonLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Every artifact line the project's corpora and trails hold. */
function corpusLines(): string[] {
  const lines = [
    ...jsonLines(join(data, 'corpus-public/expected.jsonl')),
    ...jsonLines(join(data, 'corpus-wide/expected.jsonl')),
    ...jsonLines(join(data, 'corpus-edges/expected.jsonl')),
    ...jsonLines(join(data, 'chains/reference-chain.jsonl')),
    ...jsonLines(join(data, 'chains/reference-two-chains.jsonl')),
  ];
  const inputs = join(data, 'compliance/inputs');
  for (const name of readdirSync(inputs)) if (name.endsWith('.jsonl')) lines.push(...jsonLines(join(inputs, name)).filter((line) => line.startsWith('{')));
  return lines;
}

/** Ways to break an artifact, each kept small and deterministic. */
const BREAKS: [string, (artifact: PyDict) => void][] = [
  ['no policy_file', (a) => delete a.policy_file],
  ['no metadata', (a) => delete a.metadata],
  ['an empty role', (a) => (a.role = '')],
  ['an unknown verdict', (a) => (a.enforcement_result = 'MAYBE')],
  ['a gate outside the list', (a) => (a.failure_gate = 'no_such_gate')],
  ['a checksum with a trailing newline (Python accepts it)', (a) => (a.input_checksum = `${'a'.repeat(64)}\n`)],
  ['an upper-case checksum', (a) => (a.output_checksum = 'A'.repeat(64))],
  ['a negative timestamp', (a) => (a.timestamp = -1)],
  ['a fractional timestamp', (a) => (a.timestamp = 1.5)],
  ['an integral float timestamp', (a) => (a.timestamp = new PyFloat(1700000000))],
  ['an infinite timestamp', (a) => (a.timestamp = Number.POSITIVE_INFINITY)],
  ['a NaN timestamp', (a) => (a.timestamp = Number.NaN)],
  ['a big-integer timestamp', (a) => (a.timestamp = 2n ** 70n)],
  ['a boolean timestamp', (a) => (a.timestamp = true)],
  ['an infinite risk score', (a) => (a.risk_score = Number.NEGATIVE_INFINITY)],
  ['a NaN risk score', (a) => (a.risk_score = Number.NaN)],
  ['a float 0.0 risk score', (a) => (a.risk_score = new PyFloat(0))],
  ['a string risk score', (a) => (a.risk_score = '0.5')],
  ['a float where an object belongs', (a) => (a.context = new PyFloat(1))],
  ['a list as metadata', (a) => (a.metadata = [])],
  ['an extra top-level field', (a) => (a.extra = 1)],
  ['a __proto__ field', (a) => Object.defineProperty(a, '__proto__', {value: {}, enumerable: true, writable: true, configurable: true})],
  ['101 context keys', (a) => (a.context = Object.fromEntries(Array.from({length: 101}, (_, i) => [`k${i}`, i])))],
  ['a failure without its field', (a) => (a.failures = [{code: 'X', message: 'm'}])],
  ['a failure with an extra field', (a) => (a.failures = [{code: 'X', message: 'm', field: null, more: 1}])],
  ['1001 failures', (a) => (a.failures = Array.from({length: 1001}, () => ({code: 'X', message: 'm', field: null})))],
  ['empty provenance', (a) => (a.provenance = {})],
  ['provenance with repeated source ids', (a) => (a.provenance = {source_ids: ['s', 's']})],
  ['provenance with two __proto__ source ids', (a) => (a.provenance = {source_ids: ['__proto__', '__proto__']})],
  ['provenance with an empty source id', (a) => (a.provenance = {source_ids: ['']})],
  ['a bad parent checksum', (a) => (a.provenance = {derived_from_audit_checksums: ['xyz']})],
  ['a parent checksum with a trailing newline', (a) => (a.provenance = {derived_from_audit_checksums: [`${'b'.repeat(64)}\n`]})],
  ['a float chain index', (a) => (a.chain_index = new PyFloat(3))],
  ['a fractional chain index', (a) => (a.chain_index = 2.5)],
  ['an infinite chain index', (a) => (a.chain_index = Number.POSITIVE_INFINITY)],
  ['a bad split mode', (a) => (a.metadata = {enforcement_mode: 'sideways'})],
  ['a negative pre-call timestamp', (a) => (a.metadata = {pre_call_timestamp: -5})],
  ['a numeric signature', (a) => (a.signature = 7)],
  ['a lone-surrogate role', (a) => (a.role = '\ud800')],
];

/** The emulation's verdict and wording: what the reference says of the artifact. */
function referenceVerdict(artifact: PyValue): string {
  const schema = auditArtifactSchema();
  if (schema.isValid(artifact)) return 'valid';
  return `invalid: ${bestMatch(schema.iterErrors(artifact))?.message}`;
}

/** The classifier's verdict on a value (as the exact parser gives it) and on its text, read the classifier's way (natively where exact). */
function classifierVerdicts(artifact: PyDict): [string, string] {
  const verdict = (classifier: ArtifactClassifier, value: PyValue) => {
    const facts = classifier.classify({kind: 'value', line: 1, offset: 0, value, text: ''});
    return facts.kind === 'artifact' ? 'valid' : `invalid: ${facts.message}`;
  };
  const reader = new ArtifactClassifier();
  return [verdict(new ArtifactClassifier(), artifact), verdict(reader, reader.parse(pyJsonDumps(artifact)))];
}

describe("the compiled audit validator decides as the reference's validator", () => {
  const artifacts = corpusLines().flatMap((line) => {
    try {
      const value = parseJson(line);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? [value as PyDict] : [];
    } catch {
      // The compliance inputs hold lines that are not JSON on purpose.
      return [];
    }
  });

  it('has the corpora', () => {
    expect(artifacts.length).toBeGreaterThan(3000);
  });

  it('accepts and refuses every corpus artifact as the reference does', () => {
    const differing = artifacts.filter((artifact) => {
      const theirs = referenceVerdict(artifact);
      return classifierVerdicts(artifact).some((ours) => ours !== theirs);
    });
    expect(differing).toEqual([]);
    expect(artifacts.filter((artifact) => referenceVerdict(artifact) === 'valid').length).toBeGreaterThan(2900);
  });

  it.each(BREAKS)('decides as the reference on artifacts with %s', (name, broken) => {
    // Every 7th artifact; 1001 failures are slow to walk, so fewer of those.
    const stride = name === '1001 failures' ? 97 : 7;
    artifacts.forEach((original, index) => {
      if (index % stride !== 0) return;
      const artifact = deepCopy(original);
      broken(artifact);
      const theirs = referenceVerdict(artifact);
      expect(classifierVerdicts(artifact), `artifact ${index}`).toEqual([theirs, theirs]);
      // Soundness: the compiled validator never accepts what the reference refuses.
      if (theirs !== 'valid') expect(validateAuditArtifact(toPlain(artifact)), `artifact ${index}`).toBe(false);
    });
  });
});
