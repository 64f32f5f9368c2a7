import {describe, expect, it} from 'vitest';
import {PyFloat, type PyDict} from '../../src/python/values.js';
import {formatFieldDiff, jsonPointer, projectOnto, subsetDiff, VOLATILE_ARTIFACT_POINTERS, withoutPointers} from '../../src/testing/compare.js';

describe('subsetDiff', () => {
  it('accepts an actual value that has every expected key, with extra keys ignored', () => {
    expect(subsetDiff({a: 1, b: {c: 'x'}}, {a: 1, b: {c: 'x', d: 2}, e: 3})).toEqual([]);
  });

  it('reports each differing field by its JSON pointer, expected then actual', () => {
    const diffs = subsetDiff({failure_gate: 'role_validation', metadata: {mode: 'unified'}}, {failure_gate: 'precondition_validation', metadata: {mode: 'split'}});
    expect(diffs.map(formatFieldDiff)).toEqual(['/failure_gate: "role_validation" → "precondition_validation"', '/metadata/mode: "unified" → "split"']);
  });

  it('reports an expected key the actual value lacks as absent', () => {
    expect(subsetDiff({risk_score: 0.5}, {}).map(formatFieldDiff)).toEqual(['/risk_score: 0.5 → (absent)']);
  });

  it('compares lists item by item, objects inside them as subsets', () => {
    const actual: PyDict = {guards: [{condition: 'a', matched: true, effects: 2}, {condition: 'b', matched: false}]};
    expect(subsetDiff({guards: [{condition: 'a'}, {matched: true}]}, actual).map((diff) => diff.pointer)).toEqual(['/guards/1/matched']);
    expect(subsetDiff({guards: [{condition: 'a'}]}, actual).map((diff) => diff.pointer)).toEqual(['/guards']);
  });

  it('treats numbers as Python does: 1 equals 1.0', () => {
    expect(subsetDiff({score: new PyFloat(1)}, {score: 1})).toEqual([]);
  });

  it('skips ignored pointers such as the timestamps', () => {
    expect(subsetDiff({timestamp: 1, metadata: {pre_call_timestamp: 2}}, {timestamp: 9, metadata: {pre_call_timestamp: 8}}, {ignore: VOLATILE_ARTIFACT_POINTERS})).toEqual([]);
  });

  it('escapes ~ and / in pointer tokens', () => {
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(subsetDiff({'a/b': 1}, {'a/b': 2})[0].pointer).toBe('/a~1b');
  });
});

describe('projectOnto', () => {
  it('keeps the keys of the expectation with the actual values', () => {
    expect(projectOnto({a: 0, m: {x: 0}}, {a: 1, b: 2, m: {x: 3, y: 4}})).toEqual({a: 1, m: {x: 3}});
  });

  it('drops keys the actual value does not have', () => {
    expect(projectOnto({a: 0, gone: 1}, {a: 1})).toEqual({a: 1});
  });
});

describe('withoutPointers', () => {
  it('removes top-level and nested fields', () => {
    expect(withoutPointers({timestamp: 1, a: 2, metadata: {pre_call_timestamp: 3, b: 4}}, VOLATILE_ARTIFACT_POINTERS)).toEqual({a: 2, metadata: {b: 4}});
  });
});
