import {describe, expect, it} from 'vitest';
import {compilePythonPattern, PythonRegexError, pythonSearch, translatePythonRegex} from '../../src/python/regex.js';
import {dataRows} from '../data-rows.js';

interface RegexRow {
  pattern: string;
  valid: boolean;
  cases?: Array<[string, boolean]>;
}

// Computed with Python's `re` by scripts/jsonschema-vectors.py.
const rows = dataRows<RegexRow>('jsonschema/regex.jsonl');

describe('Python re.search semantics', () => {
  it.each(rows.filter((row) => row.valid).map((row) => [row.pattern, row] as const))('%s', (_pattern, row) => {
    for (const [text, expected] of row.cases ?? []) expect([text, pythonSearch(row.pattern, text)]).toEqual([text, expected]);
  });

  it.each(rows.filter((row) => !row.valid).map((row) => [row.pattern] as const))('rejects %s as Python does', (pattern) => {
    expect(() => compilePythonPattern(pattern)).toThrow(PythonRegexError);
    try {
      compilePythonPattern(pattern);
    } catch (error) {
      expect((error as PythonRegexError).code).toBe('PYTHON_REGEX_INVALID');
    }
  });
});

describe('compilePythonPattern', () => {
  it('matches Unicode digits with \\d, as the date pattern of the policy schema does', () => {
    expect(pythonSearch('^\\d{4}-\\d{2}-\\d{2}$', '٢٠٢٥-٠١-٠١')).toBe(true);
  });

  it('lets $ match before a final newline only', () => {
    expect(pythonSearch('a$', 'a\n')).toBe(true);
    expect(pythonSearch('a$', 'a\n\n')).toBe(false);
    expect(pythonSearch('a\\Z', 'a\n')).toBe(false);
  });

  it('searches rather than matching the whole text', () => {
    expect(pythonSearch('b', 'abc')).toBe(true);
  });

  it('honours the ignoreCase option including the dotless and dotted i', () => {
    expect(compilePythonPattern('[a-z]+', {ignoreCase: true}).test('İı')).toBe(true);
    expect(compilePythonPattern('[a-h]', {ignoreCase: true}).test('ı')).toBe(false);
  });

  it('returns the same compiled pattern for the same pattern', () => {
    expect(compilePythonPattern('^x+$')).toBe(compilePythonPattern('^x+$'));
  });

  it('reports patterns Python accepts but JavaScript cannot express as unsupported', () => {
    expect(() => compilePythonPattern('(?i:(a)\\1)b')).toThrow(expect.objectContaining({code: 'PYTHON_REGEX_UNSUPPORTED'}));
  });

  it('reports the position of an error in code points, as Python does', () => {
    expect(() => translatePythonRegex('😀a**')).toThrow(expect.objectContaining({position: 3}));
  });
});
