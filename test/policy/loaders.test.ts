// Custom policy loaders (reference-policy-layer.md §1.8): a PolicyLoadError
// passes through, anything else is wrapped as "Custom policy loader failed",
// a non-mapping result is refused, and the result still goes through extends
// (bases from files, relative to the ref as a path), schema and dates.

import {describe, expect, it} from 'vitest';
import {PolicyLoadError} from '../../src/errors.js';
import {loadPolicy, type PolicyLoader} from '../../src/policy/loader.js';
import type {PyDict} from '../../src/python/values.js';
import {readCases, recorded, replay} from './reference-cases.js';

describe('custom loaders behave as the reference’s PolicyLoaderBase', () => {
  const cases = readCases('loaders');

  it.each(cases.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('custom loaders in JavaScript terms', () => {
  function failure(loader: PolicyLoader): PolicyLoadError {
    try {
      loadPolicy('ref', {loader});
    } catch (error) {
      return error as PolicyLoadError;
    }
    throw new Error('loaded');
  }

  it('wraps a thrown non-Error value with its text', () => {
    const error = failure({
      load() {
        throw 'offline';
      },
    });
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error.message).toBe('Custom policy loader failed: offline');
  });

  it('names a plain-object loader by its constructor, Object', () => {
    const error = failure({
      load() {
        throw new TypeError('boom');
      },
    });
    expect(error.details).toEqual({policy_file: 'ref', loader: 'Object'});
  });

  it.each([
    ['an array', [] as unknown],
    ['undefined', undefined],
    ['a Map', new Map()],
    ['a class instance', new (class Policy {})()],
  ])('refuses %s as not a mapping', (_label, result) => {
    const error = failure({load: () => result as PyDict});
    expect(error.message).toBe('Policy root must be a mapping object');
    expect(error.details).toEqual({policy_file: 'ref'});
  });

  it('returns the loader’s own object when it has no extends (no copy, as the reference)', () => {
    const policy = {policy_version: '1', roles: ['a']} as PyDict;
    expect(loadPolicy('ref', {loader: {load: () => policy}})).toBe(policy);
  });
});
