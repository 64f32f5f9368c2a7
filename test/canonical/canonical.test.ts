import {describe, expect, it} from 'vitest';
import {compactJson} from '../../src/canonical/dumps.js';
import {CanonicalJsonError, canonicalJson, checksum, JsonSyntaxError, parseJson} from '../../src/canonical/index.js';
import {parseJsonPrefix} from '../../src/canonical/json.js';
import {PyFloat, pyKeys} from '../../src/python/values.js';
import {dataRows} from '../data-rows.js';

interface Vector {
  json: string;
  canonical?: string;
  sha256?: string;
  reject?: boolean;
}

const vectors = dataRows<Vector>('canonical-vectors.jsonl');

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

  it('reads a fraction that rounds to an integral double as a float, as Python does', () => {
    expect(parseJson('2.0000000000000001')).toEqual(new PyFloat(2));
    expect(parseJson('{"x": [0.99999999999999999, 12345678901234567890.5]}')).toEqual({
      x: [new PyFloat(1), new PyFloat(Number("12345678901234567890.5"))],
    });
  });

  it('keeps the order of integer-like keys, also when written with escapes', () => {
    expect(pyKeys(parseJson('{"b": 1, "\\u0031": 2}') as object)).toEqual(['b', '1']);
  });

  // parseJson takes the engine's JSON.parse when it is sure to agree; the exact parser is the arbiter.
  it('reads numbers of every shape exactly as the exact parser does', () => {
    const literals: string[] = [];
    for (let digits = 1; digits <= 22; digits++) {
      const run = '9'.repeat(digits);
      literals.push(run, `-${run}`, `1.${run}`, `${run}.5`, `0.${run}`, `${run}.0`, `${run}e2`, `1${'0'.repeat(digits)}.1`);
    }
    for (const literal of literals) {
      const text = `{"n": ${literal}, "k": [${literal}]}`;
      expect(parseJson(text), text).toEqual(parseJsonPrefix(text).value);
    }
  });

  it('writes integral floats from 2^53 on so that they read back as the same number', () => {
    for (const literal of ['1.2345678901234567e+19', '9007199254740993.0', '-1e300', '1e16']) {
      const value = parseJson(`{"x": ${literal}}`);
      expect(canonicalJson(parseJson(compactJson(value))), literal).toBe(canonicalJson(value));
    }
    expect(compactJson(parseJson('{"x": 1.2345678901234567e+19}'))).toBe('{"x":1.2345678901234567e+19}');
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
