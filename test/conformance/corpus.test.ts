// Differential conformance: the engine's artifacts for each corpus equal the
// Python reference's (expected.jsonl, computed at clock 1700000000), tier by
// tier as shared/tools/compare-artifacts checks them, and each is what the
// library's `AuditArtifact` type says (schemas/audit_artifact.schema.json, as
// the reference's validator reads it). Where the reference
// crashed without an artifact we must fail closed; where it classifies a
// postcondition failure by the word "role" we deliberately do not
// (compatibility.md, difference 2).

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {canonicalJson, parseJson} from '../../src/canonical/index.js';
import {bestMatch, compileSchema} from '../../src/jsonschema/index.js';
import {decide} from '../../src/pipeline/enforce.js';
import {dictGet, isDict, type PyDict, type PyValue} from '../../src/python/values.js';
import {readShippedSchema} from '../../src/schemas.js';

const NOW = 1700000000;
/** Absolute corpus paths in the reference's messages were recorded as this placeholder. */
const CORPUS_PLACEHOLDER = '<CORPUS>';
const VOLATILE_TOP = new Set(['timestamp']);
const VOLATILE_METADATA = new Set(['pre_call_timestamp', 'post_call_timestamp']);
const AUDIT_ARTIFACT = compileSchema(readShippedSchema('audit-artifact'), {defaultDraft: 'draft7'});

/** Strict JSON equality: bools are not numbers, 1 equals 1.0, key order is irrelevant. */
const same = (a: PyValue | undefined, b: PyValue | undefined): boolean =>
  a !== undefined && b !== undefined ? canonicalJson(a) === canonicalJson(b) : a === b;

function withoutVolatile(artifact: PyDict): PyDict {
  const out: PyDict = {};
  for (const [key, value] of Object.entries(artifact)) {
    if (VOLATILE_TOP.has(key)) continue;
    out[key] = key === 'metadata' && isDict(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE_METADATA.has(k))) : value;
  }
  return out;
}

const failureCodes = (artifact: PyDict): PyValue[] =>
  ((dictGet(artifact, 'failures') as PyDict[] | undefined) ?? []).map((failure) => dictGet(failure, 'code') ?? null);

const TIERS: [string, (expected: PyDict, actual: PyDict) => boolean][] = [
  ['verdict', (e, a) => e.enforcement_result === a.enforcement_result],
  ['failure_gate', (e, a) => e.failure_gate === a.failure_gate],
  ['failure_codes', (e, a) => same(failureCodes(e), failureCodes(a))],
  ['checksums', (e, a) => e.input_checksum === a.input_checksum && e.output_checksum === a.output_checksum],
  ['metadata', (e, a) => same(withoutVolatile(e).metadata, withoutVolatile(a).metadata)],
  ['failure_reason', (e, a) => e.failure_reason === a.failure_reason],
  ['full_artifact', (e, a) => same(withoutVolatile(e), withoutVolatile(a))],
];

function isRoleSubstringGate(expected: PyDict): boolean {
  const reason = typeof expected.failure_reason === 'string' ? expected.failure_reason : '';
  return expected.failure_gate === 'role_validation' && reason.startsWith('Unsupported postcondition');
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** One description per disagreeing case and tier; empty when the corpus agrees fully. */
function disagreements(corpus: string): string[] {
  const dir = fileURLToPath(new URL(`../data/${corpus}/`, import.meta.url));
  const corpusPath = JSON.stringify(dir.replace(/\/$/, '')).slice(1, -1);
  const invocations = readLines(`${dir}invocations.jsonl`);
  const expectedLines = readLines(`${dir}expected.jsonl`).map((line) => line.replaceAll(CORPUS_PLACEHOLDER, corpusPath));
  expect(expectedLines).toHaveLength(invocations.length);
  const found: string[] = [];
  invocations.forEach((line, index) => {
    const expected = parseJson(expectedLines[index]!) as PyDict;
    const {artifact} = decide(parseJson(line), {now: () => NOW, cwd: dir});
    const where = `line ${index + 1}`;
    if (!AUDIT_ARTIFACT.isValid(artifact)) found.push(`${where}: not an AuditArtifact: ${bestMatch(AUDIT_ARTIFACT.iterErrors(artifact))?.message}`);
    if (Object.hasOwn(expected, '__ref_crash__')) {
      if (artifact.enforcement_result !== 'FAIL') found.push(`${where}: the reference crashed, we must FAIL`);
      return;
    }
    if (isRoleSubstringGate(expected)) {
      if (artifact.failure_gate !== 'postcondition_validation') found.push(`${where}: postcondition failures stay postcondition_validation`);
      const rest = (artifact_: PyDict) => ({...withoutVolatile(artifact_), failure_gate: null});
      if (!same(rest(expected), rest(artifact))) found.push(`${where}: differs beyond failure_gate`);
      return;
    }
    for (const [tier, agrees] of TIERS) {
      if (!agrees(expected, artifact)) found.push(`${where} ${tier}: expected ${canonicalJson(withoutVolatile(expected))}, got ${canonicalJson(withoutVolatile(artifact))}`);
    }
  });
  return found;
}

describe('conformance with the Python reference', () => {
  it.each(['corpus-public', 'corpus-wide', 'corpus-edges'])('agrees on every tier for %s, every artifact an AuditArtifact', {timeout: 120_000}, (corpus) => {
    expect(disagreements(corpus).slice(0, 5)).toEqual([]);
  });
});
