import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {PythonRegexError, pythonSearch, translatePythonRegex} from '../../src/python/regex.js';
import {dataRows} from '../data-rows.js';

interface TranslationRow {
  pattern: string;
  ignoreCase?: boolean;
  /** first 16 hex digits of the SHA-256 of `flags/source` */
  sha256?: string;
  error?: string;
  code?: string;
}

// 2,500 patterns generated from Python regex tokens (seeded). The hashes were
// recorded from the single-pass translator the phased one replaced, which
// agreed on every pattern but those that quantify a comment; the errors are
// Python 3.11's `re.error` texts, checked against `re.compile` when recorded.
const rows = dataRows<TranslationRow>('python-regex/translations.jsonl');

function outcome(row: TranslationRow): Omit<TranslationRow, 'pattern' | 'ignoreCase'> {
  try {
    const {source, flags} = translatePythonRegex(row.pattern, {ignoreCase: row.ignoreCase});
    return {sha256: createHash('sha256').update(`${flags}/${source}`).digest('hex').slice(0, 16)};
  } catch (error) {
    if (!(error instanceof PythonRegexError)) throw error;
    return {error: error.message, code: error.code};
  }
}

describe('translation of generated patterns', () => {
  it('translates every valid pattern as recorded and rejects every invalid one with Python’s message', () => {
    const differing = rows.filter((row) => {
      const {pattern: _pattern, ignoreCase: _ignoreCase, ...expected} = row;
      return JSON.stringify(outcome(row)) !== JSON.stringify(expected);
    });
    expect(differing.map((row) => row.pattern)).toEqual([]);
    expect(rows.filter((row) => row.sha256).length).toBeGreaterThan(1000);
  });
});

describe('Python re.error wording', () => {
  it.each([
    ['a\n(', 'missing ), unterminated subpattern at position 2 (line 2, column 1)'],
    ['(?<=a*)', 'look-behind requires fixed-width pattern'],
    ['(?<=a*)(', 'missing ), unterminated subpattern at position 7'],
    ['(?P<n>a)(?P<n>b)', "redefinition of group name 'n' as group 2; was group 1 at position 12"],
    ['(?P<n>(?P=n))', 'cannot refer to an open group at position 10'],
    ['(?', 'unexpected end of pattern at position 2'],
    ['(?\\d)', 'unknown extension ?\\d at position 1'],
    ['a{4294967295}', 'the repetition number is too large'],
  ])('rejects %j with %j', (pattern, message) => {
    expect(() => translatePythonRegex(pattern)).toThrow(expect.objectContaining({message}));
  });

  it('gives the line and column of a position in a pattern with newlines', () => {
    expect(() => translatePythonRegex('(?x)a\n  (')).toThrow(expect.objectContaining({position: 8, line: 2, column: 3}));
  });
});

describe('patterns the single-pass translator got wrong', () => {
  it('repeats the item before a comment, as Python does', () => {
    expect(pythonSearch('xa(?#note)*', 'x')).toBe(true);
    expect(() => translatePythonRegex('(?#note)*')).toThrow(expect.objectContaining({message: 'nothing to repeat at position 8'}));
  });

  it('accepts global flags after a comment or verbose whitespace at the start', () => {
    expect(pythonSearch('(?#c)(?i)a', 'A')).toBe(true);
    expect(pythonSearch('(?x) (?i)a', 'A')).toBe(true);
  });

  it('gives an unbounded repeat of an empty group a fixed width, so a lookbehind may hold it', () => {
    expect(pythonSearch('(?<=a(?:)*)b', 'ab')).toBe(true);
  });
});
