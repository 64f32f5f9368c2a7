import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {compilePythonPattern} from '../../src/python/regex.js';
import {strRepr} from '../../src/python/repr.js';
import {lookupCharacterName} from '../../src/python/unicode/names.js';

interface UnicodeVectors {
  names: [string, number | null][];
  /** code point, repr(chr(cp)), and whether \w, \d and \s match it */
  code_points: [number, string, boolean, boolean, boolean][];
  /** a, b, whether (?i)a matches b */
  ignore_case: [number, number, boolean][];
}

// Computed with Python 3.11 (Unicode 14) by scripts/gen-unicode-tables.py.
const vectors: UnicodeVectors = JSON.parse(readFileSync(new URL('../data/unicode/python-unicode.json', import.meta.url), 'utf8'));

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

describe("Python 3.11's Unicode 14 tables", () => {
  it('finds characters by name and alias as unicodedata.lookup does', () => {
    for (const [name, codePoint] of vectors.names) expect([name, lookupCharacterName(name) ?? null]).toEqual([name, codePoint]);
  });

  it('escapes in repr exactly the characters Python 3.11 finds unprintable', () => {
    for (const [codePoint, repr] of vectors.code_points) {
      expect([hex(codePoint), strRepr(String.fromCodePoint(codePoint))]).toEqual([hex(codePoint), repr]);
    }
  });

  it('matches \\w, \\d and \\s as Python 3.11 does, not as a newer Unicode would', () => {
    const [word, digit, space] = ['^\\w$', '^\\d$', '^\\s$'].map((pattern) => compilePythonPattern(pattern));
    for (const [codePoint, , isWord, isDigit, isSpace] of vectors.code_points) {
      const char = String.fromCodePoint(codePoint);
      expect([hex(codePoint), word.test(char), digit.test(char), space.test(char)]).toEqual([hex(codePoint), isWord, isDigit, isSpace]);
    }
  });

  it('folds case under IGNORECASE as Python 3.11 does', () => {
    for (const [a, b, matches] of vectors.ignore_case) {
      const pattern = `\\U${a.toString(16).padStart(8, '0')}`;
      const compiled = compilePythonPattern(`^${pattern}$`, {ignoreCase: true});
      expect([hex(a), hex(b), compiled.test(String.fromCodePoint(b))]).toEqual([hex(a), hex(b), matches]);
    }
  });
});
