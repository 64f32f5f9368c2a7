import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {deepCopy, defineKey, type PyDict, pyKeys} from '../../src/python/values.js';

describe('pyKeys', () => {
  it('keeps insertion order when integer-like keys follow other keys', () => {
    const dict = parseJson('{"tier": "gold", "10": 1, "k1": 2, "2": 3}') as PyDict;
    expect(pyKeys(dict)).toEqual(['tier', '10', 'k1', '2']);
  });

  it('keeps the first position of a duplicated key, as a Python dict does', () => {
    const dict = parseJson('{"b": 1, "1": 2, "b": 3}') as PyDict;
    expect(pyKeys(dict)).toEqual(['b', '1']);
    expect(dict.b).toBe(3);
  });

  it('carries the order through deep copies and later insertions', () => {
    const copy = deepCopy(parseJson('{"z": {"5": 1, "a": 2}, "3": 0}') as PyDict);
    defineKey(copy, '0', 1);
    expect(pyKeys(copy)).toEqual(['z', '3', '0']);
    expect(pyKeys(copy.z as PyDict)).toEqual(['5', 'a']);
  });

  it('forgets deleted keys', () => {
    const dict = parseJson('{"a": 1, "1": 2}') as PyDict;
    delete dict.a;
    expect(pyKeys(dict)).toEqual(['1']);
  });
});
