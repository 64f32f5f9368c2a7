// `extends` composition (reference-policy-layer.md §2): bases resolved from
// the child's directory and validated on their own, merged by strategy
// (default append, intersect by Python ==, union by Python str(), replace at
// the top level), restriction checks on roles and required postconditions,
// composition keys dropped at every level, cycles reported with a sorted chain.

import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {mergePolicies} from '../../src/policy/compose.js';
import {pyRepr, strRepr} from '../../src/python/repr.js';
import {deepCopy, type PyDict, type PyValue} from '../../src/python/values.js';
import {crashCases, readCases, recorded, replay, sharedCases} from './reference-cases.js';

const composition = readCases('composition');

describe('composed policies match the reference', () => {
  it('covers the worked example for all four strategies and the edge-case table', () => {
    const names = composition.map((policyCase) => policyCase.name);
    for (const strategy of ['default', 'intersect', 'union', 'replace']) {
      expect(names).toContain(`the worked example with the ${strategy} strategy`);
    }
    expect(sharedCases(composition).length).toBeGreaterThanOrEqual(40);
  });

  it.each(sharedCases(composition).map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('where the reference crashes during composition, loading fails closed (compatibility.md §1)', () => {
  const crashes = crashCases(composition);
  const schemaError = (pointer: string, message: string, validator = 'type') => ({
    error: 'PolicyValidationError',
    message: `Policy schema validation failed at ${pointer}: ${message}`,
    details: `{'policy_file': 'child.yaml', 'schema_path': '<schema>', 'path': '${pointer}', 'validator': '${validator}'}`,
  });
  const notAString = (text: string) => ({
    error: 'PolicyLoadError',
    message: "Policy 'extends' must be a string",
    details: `{'policy_file': '<root>/child.yaml', 'extends': ${strRepr(text)}}`,
  });
  // A malformed child value the restriction check cannot read is left to the
  // schema, which always rejects it; a non-string extends is refused up front.
  const ours: Record<string, object> = {
    'a child post_conditions list crashes the reference': schemaError('$.post_conditions', "['x'] is not of type 'object'"),
    'a child post_conditions null crashes the reference': schemaError('$.post_conditions', "None is not of type 'object'"),
    'a child post_conditions string crashes the reference': schemaError('$.post_conditions', "'abc' is not of type 'object'"),
    'a child roles integer crashes the reference': schemaError('$.roles', "5 is not of type 'array'"),
    'a child roles of mixed types crashes the reference': schemaError('$.roles.2', "1 is not of type 'string'"),
    'a child roles of numbers on a base of numbers': schemaError('$.roles.1', "1.0 is not of type 'string'"),
    'extends 5 crashes the reference': notAString('5'),
    'extends true crashes the reference': notAString('True'),
    'extends a list crashes the reference': notAString("['base.yaml']"),
  };

  it('names every recorded crash', () => {
    expect(new Set(Object.keys(ours))).toEqual(new Set(crashes.keys()));
  });

  it.each(Object.entries(ours))('%s: a policy error instead', (name, expected) => {
    expect(replay(crashes.get(name)!)).toEqual(expected);
  });
});

describe('extends cycles are reported as the reference does', () => {
  const cycles = readCases('cycles');

  it.each(cycles.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('mergePolicies agrees with the reference’s merge_policies', () => {
  const merges = readCases('merges') as unknown as {base: string; overlay: string; strategy: string; result: string}[];

  it.each(merges.map((merge) => [`${merge.strategy}: ${merge.base} + ${merge.overlay}`, merge] as const))('%s', (_name, merge) => {
    const base = parseJson(merge.base) as PyDict;
    const overlay = parseJson(merge.overlay) as PyDict;
    const before = [pyRepr(base), pyRepr(overlay)];
    expect(pyRepr(mergePolicies(base, overlay, parseJson(merge.strategy) as PyValue))).toBe(merge.result);
    expect([pyRepr(base), pyRepr(overlay)]).toEqual(before);
  });

  it('returns copies: changing the result leaves base and overlay alone', () => {
    const base = {roles: ['a'], nested: {list: [1]}} as PyDict;
    const overlay = {nested: {other: [2]}} as PyDict;
    const snapshot = deepCopy(base);
    const merged = mergePolicies(base, overlay, null);
    ((merged.nested as PyDict).list as PyValue[]).push(9);
    ((merged.nested as PyDict).other as PyValue[]).push(9);
    expect(base).toEqual(snapshot);
    expect(overlay).toEqual({nested: {other: [2]}});
  });
});
