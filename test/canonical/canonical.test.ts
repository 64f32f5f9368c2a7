import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {CanonicalJsonError, canonicalJson, checksum, JsonSyntaxError, parseJson} from '../../src/canonical/index.js';
import {PyFloat} from '../../src/python/values.js';

interface Vector {
  json: string;
  canonical?: string;
  sha256?: string;
  reject?: boolean;
}

const vectors: Vector[] = readFileSync(new URL('../data/canonical-vectors.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

describe('canonical JSON matches the reference vectors', () => {
  it('has the whole vector file', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(447);
  });

  it.each(vectors.map((vector, index) => [index, vector] as const))('vector %i', (_index, vector) => {
    if (vector.reject) {
      expect(() => canonicalJson(parseJson(vector.json))).toThrow();
      return;
    }
    const value = parseJson(vector.json);
    expect(canonicalJson(value)).toBe(vector.canonical);
    expect(checksum(value)).toBe(vector.sha256);
  });
});

describe('parseJson keeps what Python keeps', () => {
  it('keeps integers beyond 2^53 exact', () => {
    expect(parseJson('12345678901234567890')).toBe(12345678901234567890n);
  });

  it('keeps the float-ness of integral floats', () => {
    expect(parseJson('1.0')).toEqual(new PyFloat(1));
    expect(parseJson('1')).toBe(1);
  });

  it('lets the last duplicate key win, in the first key position', () => {
    expect(Object.entries(parseJson('{"a":1,"b":2,"a":3}') as object)).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('keeps __proto__ as a data key', () => {
    const value = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(canonicalJson(value)).toBe('{"__proto__":{"polluted":true}}');
  });

  it('reports the line and column of a syntax error', () => {
    expect(() => parseJson('{"a": 1,\n "b" 2}')).toThrow(JsonSyntaxError);
    expect(() => parseJson('{"a": 1,\n "b" 2}')).toThrow("Expecting ':' delimiter: line 2 column 6 (char 14)");
  });

  it('bounds nesting instead of overflowing the stack', () => {
    expect(() => parseJson('['.repeat(10000) + ']'.repeat(10000))).toThrow('Maximum nesting depth exceeded');
  });

  it('rejects non-finite numbers when canonicalising', () => {
    expect(() => canonicalJson(parseJson('{"x": 1e999}'))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(parseJson('[NaN]'))).toThrow(CanonicalJsonError);
  });
});
