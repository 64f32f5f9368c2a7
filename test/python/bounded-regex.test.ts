import {describe, expect, it} from 'vitest';
import {
  compileJavaScriptPattern,
  compilePythonPattern,
  enableLinearRegexEngine,
  REGEX_BUDGET_MS,
  RegexBudgetError,
} from '../../src/python/regex.js';
import {boundedLength} from '../../src/python/regex/cost.js';
import {emitLinear} from '../../src/python/regex/linear.js';
import {linearEngineAvailable} from '../../src/python/regex/linear-engine.js';
import {parsePythonRegex} from '../../src/python/regex/parse.js';
import {translate} from '../../src/python/regex/translate.js';
import {seededRandom} from '../seeded-random.js';
import {dataRows} from '../data-rows.js';

enableLinearRegexEngine();

// The valid patterns among the generated translation vectors.
const patterns: {pattern: string; ignoreCase?: boolean}[] = dataRows<{pattern: string; ignoreCase?: boolean; sha256?: string}>('python-regex/translations.jsonl')
  .filter((row) => row.sha256);

const ALPHABET = ['a', 'b', 'A', 'K', 'k', 'ſ', 'é', '😀', '😂', '\n', ' ', '-', '1', '٣', '_', 'x'];
const random = seededRandom(7);
function texts(count: number): string[] {
  return Array.from({length: count}, () => {
    let text = '';
    const length = Math.floor(random() * 8);
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return text;
  });
}

describe('the linear-time form of a Python pattern', () => {
  it('is available once the process allows V8’s linear engine', () => {
    expect(linearEngineAvailable()).toBe(true);
  });

  it('finds a match exactly where the backtracking form does, on well-formed text', () => {
    const samples = texts(60);
    let compared = 0;
    const differing: string[] = [];
    for (const {pattern, ignoreCase} of patterns) {
      const {tree, widths, translated} = translate(pattern, {ignoreCase});
      if (widths.of(tree.root).min === 0) continue;
      const exact = new RegExp(translated.source, translated.flags);
      for (const kind of ['test', 'replace'] as const) {
        for (const finalNewline of [false, true]) {
          const source = emitLinear(tree, {kind, finalNewline});
          if (source === null) continue;
          let linear: RegExp;
          try {
            linear = new RegExp(source, kind === 'replace' ? 'gl' : 'l');
          } catch {
            continue;
          }
          const exactGlobal = new RegExp(exact.source, `${exact.flags}g`);
          for (const text of samples.filter((sample) => sample.endsWith('\n') === finalNewline)) {
            compared++;
            const same = kind === 'test' ? exact.test(text) === linear.test(text) : text.replace(exactGlobal, '<>') === text.replace(linear, '<>');
            if (!same) differing.push(`${kind} ${JSON.stringify(pattern)} on ${JSON.stringify(text)}`);
          }
        }
      }
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(10000);
  });
});

describe('bounded matching', () => {
  const hostile = `${'a'.repeat(40)}b`;

  it.each(['^(a+)+$', '(a|aa)+$', '(a|a)*c'])('answers %s on a long non-matching text in linear time', (pattern) => {
    expect(compilePythonPattern(pattern).test(hostile)).toBe(false);
  });

  it('answers (x+x+)+y in linear time', () => {
    expect(compilePythonPattern('(x+x+)+y').test('x'.repeat(40))).toBe(false);
  });

  it.each(['^(a*)*\\1$', '^(?=(a+)+$)', '((?!b)a+)+$', '(a|a)+(?=c)'])('stops %s at its budget and names the pattern and the budget', (pattern) => {
    const error = (() => {
      try {
        compilePythonPattern(pattern).test(hostile);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RegexBudgetError);
    expect(error).toMatchObject({budgetMs: REGEX_BUDGET_MS, message: `pattern '${pattern.replaceAll('\\', '\\\\')}' exceeded the regex matching budget of ${REGEX_BUDGET_MS} ms`});
  });

  it('still answers a budgeted pattern that finishes', () => {
    expect(compilePythonPattern('^(a*)*\\1$').test('aaaa')).toBe(true);
    expect(compilePythonPattern('^(a*)*\\1$').test(`${'a'.repeat(5000)}`)).toBe(true);
  });

  it('replaces every match of a pattern run in linear time, as the backtracking form would', () => {
    const pattern = compilePythonPattern('(?:a|aa)+b');
    const text = `${'a'.repeat(3000)}c aab ab`;
    expect(pattern.replaceAll(text, '#')).toEqual({text: `${'a'.repeat(3000)}c # #`, count: 2});
  });

  it('stops a replacement at its budget', () => {
    expect(() => compilePythonPattern('(a*)*\\1$').replaceAll(hostile, '#')).toThrow(RegexBudgetError);
  });

  it('runs a JavaScript pattern in linear time where V8 can, and under the budget where it cannot', () => {
    expect(compileJavaScriptPattern('^(a+)+$').test(hostile)).toBe(false);
    expect(() => compileJavaScriptPattern('^(a+)+\\1$').test(hostile)).toThrow(RegexBudgetError);
    expect(compileJavaScriptPattern('role', 'i').test('Unauthorized ROLE')).toBe(true);
  });
});

describe('the work bound of the backtracking engine', () => {
  const bound = (pattern: string) => boundedLength(parsePythonRegex(pattern), 10_000_000);

  it('leaves fixed-width and anchored patterns of one repeat unbounded in practice', () => {
    expect(bound('^[a-f0-9-]{36}$')).toBe(2 ** 30);
    expect(bound('^A[0-9]+$')).toBeGreaterThan(1_000_000);
  });

  it('keeps nested repeats to a few characters', () => {
    expect(bound('^(a+)+$')).toBeLessThan(10);
    expect(bound('(x+x+)+y')).toBeLessThan(10);
  });

  it('gives a repeat stopped by a character it cannot match no extra ways to continue', () => {
    expect(bound('[a-z]+@[a-z]+\\.[a-z]+')).toBeGreaterThan(bound('[a-z@]+@[a-z.]+\\.[a-z]+'));
  });
});
