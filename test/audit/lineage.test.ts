import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {AuditChain} from '../../src/audit/chain.js';
import {AuditLineage, LineageError, lineageKey} from '../../src/audit/lineage.js';
import {checksum} from '../../src/canonical/index.js';
import {generateAuditArtifact} from '../../src/pipeline/artifact.js';
import type {PyDict, PyValue} from '../../src/python/values.js';

// A small schema-valid artifact; `overrides` replace or add fields.
function artifact(overrides: PyDict = {}): PyDict {
  return {
    audit_schema_version: '1.4',
    policy_file: 'lineage.yaml',
    policy_schema_version: 'http://json-schema.org/draft-07/schema#',
    policy_version: '1.0',
    model_provider: 'provider',
    model_identifier: 'model',
    role: 'analyst',
    enforcement_result: 'PASS',
    failures: [],
    failure_gate: null,
    failure_reason: null,
    input_checksum: '1'.repeat(64),
    output_checksum: '2'.repeat(64),
    context: {},
    timestamp: 1700000000,
    metadata: {},
    risk_score: null,
    signature: null,
    provenance: null,
    ...overrides,
  };
}

function derivedFrom(step: string, ...parents: PyValue[]): PyDict {
  return artifact({input_checksum: step.repeat(64), provenance: {derived_from_audit_checksums: parents}});
}

/** root → middle → tip, returned with their keys. */
function threeStepLineage() {
  const lineage = new AuditLineage();
  const root = artifact({input_checksum: 'a'.repeat(64)});
  const rootKey = lineage.addArtifact(root);
  const middle = derivedFrom('b', rootKey);
  const middleKey = lineage.addArtifact(middle);
  const tip = derivedFrom('c', middleKey);
  const tipKey = lineage.addArtifact(tip);
  return {lineage, root, rootKey, middle, middleKey, tip, tipKey};
}

describe('an empty lineage', () => {
  it('has no nodes, roots, leaves, orphans or cycle', () => {
    const lineage = new AuditLineage();
    expect(lineage.size).toBe(0);
    expect(lineage.roots()).toEqual([]);
    expect(lineage.leaves()).toEqual([]);
    expect(lineage.orphans()).toEqual([]);
    expect(lineage.hasCycle()).toBe(false);
  });
});

describe('node keys', () => {
  it('is the sha256 of the canonical artifact, as a 64-digit lowercase hex string', () => {
    const lineage = new AuditLineage();
    const single = artifact();
    const key = lineage.addArtifact(single);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(checksum(single));
    expect(lineage.checksumOf(single)).toBe(key);
    expect(lineage.get(key)).toBe(single);
  });

  it('returns undefined for a key it does not hold', () => {
    expect(new AuditLineage().get('0'.repeat(64))).toBeUndefined();
  });

  it('counts distinct artifacts', () => {
    const lineage = new AuditLineage();
    lineage.addArtifact(artifact({input_checksum: 'a'.repeat(64)}));
    lineage.addArtifact(artifact({input_checksum: 'c'.repeat(64)}));
    expect(lineage.size).toBe(2);
  });

  it('ignores the chain fields, so the stored chain checksum is never the key', () => {
    const plain = artifact();
    const before = lineageKey(plain);
    const chained = {...plain, chain_id: 'chain', chain_index: 0, previous_audit_checksum: null, checksum: 'b'.repeat(64)};
    expect(lineageKey(chained)).toBe(before);
    expect(lineageKey(chained)).not.toBe(chained.checksum);
    expect(new AuditLineage().addArtifact(artifact({checksum: 123}))).toBe(before);
  });

  it('keeps a key taken before AuditChain.append valid afterwards', () => {
    const invocation: PyDict = {
      policy_file: 'lineage.yaml',
      model_provider: 'provider',
      model_identifier: 'model',
      role: 'analyst',
      input: {},
      output: {},
      context: {},
    };
    const policy = {policy_version: '1.0'};
    const parent = generateAuditArtifact({invocation, policy, enforcementResult: 'PASS', timestamp: 1700000000});
    const lineage = new AuditLineage();
    const keyBeforeChaining = lineage.checksumOf(parent);
    new AuditChain().append(parent);
    const child = generateAuditArtifact({
      invocation: {...invocation, input: {step: 2}},
      policy,
      enforcementResult: 'PASS',
      timestamp: 1700000001,
      provenance: {derived_from_audit_checksums: [keyBeforeChaining]},
    });
    const parentKey = lineage.addArtifact(parent);
    const childKey = lineage.addArtifact(child);
    expect(parentKey).toBe(keyBeforeChaining);
    expect(lineage.ancestors(childKey)).toEqual([parent]);
    expect(lineage.descendants(parentKey)).toEqual([child]);
    expect(lineage.orphans()).toEqual([]);
  });
});

describe('edges from provenance.derived_from_audit_checksums', () => {
  it('makes an artifact without provenance both a root and a leaf', () => {
    const lineage = new AuditLineage();
    const single = artifact();
    lineage.addArtifact(single);
    expect(lineage.roots()).toEqual([single]);
    expect(lineage.leaves()).toEqual([single]);
  });

  it('makes the parent a root and the child a leaf', () => {
    const {lineage, root, tip} = threeStepLineage();
    expect(lineage.roots()).toEqual([root]);
    expect(lineage.leaves()).toEqual([tip]);
  });

  it('finds every ancestor and descendant breadth first, excluding the start', () => {
    const {lineage, root, rootKey, middle, tip, tipKey} = threeStepLineage();
    expect(lineage.ancestors(tipKey)).toEqual([middle, root]);
    expect(lineage.descendants(rootKey)).toEqual([middle, tip]);
  });

  it('does not walk through a parent missing from the graph', () => {
    const lineage = new AuditLineage();
    const grandparent = artifact({input_checksum: 'a'.repeat(64)});
    const grandparentKey = lineage.checksumOf(grandparent);
    const missingParent = derivedFrom('b', grandparentKey);
    const child = derivedFrom('c', lineage.checksumOf(missingParent));
    lineage.addArtifact(grandparent);
    const childKey = lineage.addArtifact(child);
    expect(lineage.ancestors(childKey)).toEqual([]);
  });

  it('calls an artifact naming a parent the graph lacks an orphan, and not a root', () => {
    const lineage = new AuditLineage();
    const orphan = derivedFrom('a', 'f'.repeat(64));
    lineage.addArtifact(orphan);
    expect(lineage.orphans()).toEqual([orphan]);
    expect(lineage.roots()).toEqual([]);
  });

  it('finds no orphans when every parent is present', () => {
    expect(threeStepLineage().lineage.orphans()).toEqual([]);
  });

  it('does not duplicate edges when the same artifact is added again', () => {
    const {lineage, rootKey, middleKey} = threeStepLineage();
    lineage.addArtifact(derivedFrom('b', rootKey));
    expect(lineage.graph.parentsOf(middleKey)).toEqual([rootKey]);
    expect(lineage.graph.descendantKeys(rootKey).filter((key) => key === middleKey)).toHaveLength(1);
    expect(lineage.size).toBe(3);
  });

  it('keeps the first position of an artifact added again', () => {
    const lineage = new AuditLineage();
    const first = artifact({input_checksum: 'a'.repeat(64)});
    const second = artifact({input_checksum: 'b'.repeat(64)});
    const firstKey = lineage.addArtifact(first);
    const secondKey = lineage.addArtifact(second);
    lineage.addArtifact({...first});
    expect(lineage.graph.keys()).toEqual([firstKey, secondKey]);
  });

  it('lists a parent named twice once', () => {
    const lineage = new AuditLineage();
    const parentKey = lineage.addArtifact(artifact());
    const childKey = lineage.addArtifact(derivedFrom('d', parentKey, parentKey));
    expect(lineage.graph.parentsOf(childKey)).toEqual([parentKey]);
  });
});

describe('malformed provenance', () => {
  it.each([
    ['a string list', {derived_from_audit_checksums: 'deadbeef'}, "derived_from_audit_checksums must be a list, got 'str'"],
    ['a mapping list', {derived_from_audit_checksums: {a: 1}}, "derived_from_audit_checksums must be a list, got 'dict'"],
    ['an int entry', {derived_from_audit_checksums: [123]}, "derived_from_audit_checksums entries must be str, got 'int'"],
    ['a null entry', {derived_from_audit_checksums: [null]}, "derived_from_audit_checksums entries must be str, got 'NoneType'"],
    ['a string provenance', 'some_string', "provenance must be a mapping, got 'str'"],
    ['an int provenance', 42, "provenance must be a mapping, got 'int'"],
    ['a list provenance', ['list'], "provenance must be a mapping, got 'list'"],
    ['a true provenance', true, "provenance must be a mapping, got 'bool'"],
  ])('refuses %s with the reference message', (_name, provenance, message) => {
    const lineage = new AuditLineage();
    expect(() => lineage.addArtifact(artifact({provenance: provenance as PyValue}))).toThrow(new LineageError(message));
  });

  it('treats falsy provenance and an empty list as no parents, as Python `or` does', () => {
    const lineage = new AuditLineage();
    const falsy: PyValue[] = [0, '', false, {}, {derived_from_audit_checksums: null}, {derived_from_audit_checksums: ''}];
    for (const provenance of falsy) {
      const key = lineage.addArtifact(artifact({provenance}));
      expect(lineage.graph.parentsOf(key)).toEqual([]);
    }
  });

  it('leaves the graph untouched when a new artifact is refused', () => {
    const lineage = new AuditLineage();
    expect(() => lineage.addArtifact(derivedFrom('f', 10))).toThrow(LineageError);
    expect(() => lineage.addArtifact(artifact({provenance: {derived_from_audit_checksums: 'not-a-list'}}))).toThrow(LineageError);
    expect(lineage.size).toBe(0);
    expect(lineage.graph.keys()).toEqual([]);
  });

  it('keeps existing edges when a distinct artifact is refused', () => {
    const {lineage, rootKey, middleKey} = threeStepLineage();
    expect(() => lineage.addArtifact(derivedFrom('e', 999))).toThrow(LineageError);
    expect(() => lineage.addArtifact(artifact({input_checksum: 'e'.repeat(64), provenance: 'not a mapping'}))).toThrow(LineageError);
    expect(lineage.graph.parentsOf(middleKey)).toEqual([rootKey]);
    expect(lineage.graph.descendantKeys(rootKey)).toContain(middleKey);
    expect(lineage.size).toBe(3);
  });
});

describe('cycle detection', () => {
  it('finds no cycle in a chain of derivations', () => {
    expect(threeStepLineage().lineage.hasCycle()).toBe(false);
  });

  it('finds a cycle shaped directly in the graph (content keys cannot build one)', () => {
    const lineage = new AuditLineage();
    const first = lineage.addArtifact(artifact({input_checksum: 'a'.repeat(64)}));
    const second = lineage.addArtifact(artifact({input_checksum: 'b'.repeat(64)}));
    lineage.graph.linkUnchecked(first, second);
    lineage.graph.linkUnchecked(second, first);
    expect(lineage.hasCycle()).toBe(true);
  });

  it('ignores edges to parents missing from the graph', () => {
    const lineage = new AuditLineage();
    lineage.addArtifact(derivedFrom('a', 'f'.repeat(64)));
    expect(lineage.hasCycle()).toBe(false);
  });
});

describe('loading a JSONL trail', () => {
  const trail = (...lines: string[]) => Readable.from([Buffer.from(lines.join('\n'))]);

  it('adds every non-blank line', async () => {
    const root = artifact({input_checksum: 'a'.repeat(64)});
    const child = derivedFrom('b', lineageKey(root));
    const lineage = await AuditLineage.fromJsonl(trail(JSON.stringify(root), '', '   ', JSON.stringify(child), ''));
    expect(lineage.size).toBe(2);
    expect(lineage.roots()).toEqual([root]);
  });

  it('loads an empty trail as an empty lineage', async () => {
    expect((await AuditLineage.fromJsonl(trail(''))).size).toBe(0);
  });

  it('refuses a line that is not JSON, or not an object, naming it', async () => {
    await expect(AuditLineage.fromJsonl(trail(JSON.stringify(artifact()), '{oops', ''))).rejects.toThrow(/line 2 is not valid JSON/);
    await expect(AuditLineage.fromJsonl(trail('[1, 2]', ''))).rejects.toThrow('line 1 is not a JSON object');
    await expect(AuditLineage.fromJsonl(trail(JSON.stringify(artifact({provenance: 'x'})), ''))).rejects.toThrow("line 1: provenance must be a mapping, got 'str'");
  });
});
