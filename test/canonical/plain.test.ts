import {describe, expect, it} from 'vitest';
import {hasEscapedSurrogate, NOT_PLAIN, sortedPlainCopy} from '../../src/canonical/plain.js';
import {dataRows} from '../data-rows.js';

interface Vector {
  json: string;
  canonical?: string;
  reject?: boolean;
}

const vectors = dataRows<Vector>('canonical-vectors.jsonl');

/** The native canonical text, or null where the exact writer must take over. */
function nativeCanonical(json: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const copy = sortedPlainCopy(value);
  if (copy === NOT_PLAIN) return null;
  const text = JSON.stringify(copy);
  return hasEscapedSurrogate(text) ? null : text;
}

describe('native canonical JSON of JSON.parse values', () => {
  it('writes every reference vector exactly, or refuses it (never a wrong text)', () => {
    let written = 0;
    for (const vector of vectors) {
      const text = nativeCanonical(vector.json);
      if (text === null) continue;
      expect(vector.reject, vector.json).toBeFalsy();
      expect(text, vector.json).toBe(vector.canonical);
      written++;
    }
    expect(written).toBeGreaterThan(vectors.length / 2);
  });

  it('refuses integer-like keys, integers beyond 2^53, small and non-finite floats, and __proto__ keys', () => {
    for (const json of ['{"10": 1, "9": 2}', '9007199254740993', '1e-05', '1e400', '{"__proto__": 1}', '[1e22]']) {
      expect(nativeCanonical(json), json).toBeNull();
    }
  });

  it('returns values that need no change as they are', () => {
    const sorted = {a: [1, 'x'], b: {c: true}};
    expect(sortedPlainCopy(sorted)).toBe(sorted);
    const unsorted = {b: 1, a: {d: 1, c: 2}};
    expect(JSON.stringify(sortedPlainCopy(unsorted))).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
