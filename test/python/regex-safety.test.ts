import {describe, expect, it} from 'vitest';
import {PythonRegexError} from '../../src/python/regex.js';
import {analyzeRegexSafety} from '../../src/python/regex-safety.js';

describe('analyzeRegexSafety', () => {
  it.each([
    ['^(a+)+$', 'a'],
    ['(a|aa)+$', 'a'],
    ['(x+x+)+y', 'x'],
    ['^(a*)*\\1$', 'a'],
    ['(?P<word>\\w+\\s?)+$', '\\w'],
  ])('finds %s exponential and points at %s', (pattern, hot) => {
    const safety = analyzeRegexSafety(pattern);
    expect(safety).toMatchObject({status: 'vulnerable', complexity: {kind: 'exponential'}});
    if (safety.status !== 'vulnerable') return;
    expect(safety.hotspots.map((spot) => spot.text)).toContain(hot);
    expect(safety.attack.text.length).toBeGreaterThan(20);
  });

  it('finds a quadratic search and gives its degree', () => {
    expect(analyzeRegexSafety('\\d+x')).toMatchObject({status: 'vulnerable', complexity: {kind: 'polynomial', degree: 2}});
  });

  it.each(['^A[0-9]+$', '^[a-f0-9-]{36}$', '^(dev|prod)$', '^(?>a+)+$'])('finds %s safe', (pattern) => {
    expect(analyzeRegexSafety(pattern).status).toBe('safe');
  });

  it('gives hotspots in code points of the Python pattern as written', () => {
    const safety = analyzeRegexSafety('😀(?P<x>a+)+$');
    expect(safety.status === 'vulnerable' && safety.hotspots).toEqual([{start: 7, end: 8, text: 'a'}]);
  });

  it('gives an attack text that makes the backtracking engine slow', () => {
    const safety = analyzeRegexSafety('(x+x+)+y');
    expect(safety.status === 'vulnerable' && safety.attack).toEqual({expression: "'x' + 'xx'.repeat(30)", text: `x${'xx'.repeat(30)}`});
  });

  it('rejects a pattern Python rejects', () => {
    expect(() => analyzeRegexSafety('(')).toThrow(PythonRegexError);
  });

  it('runs on the pure-JavaScript analyser, leaving the environment as it was', () => {
    const before = process.env.RECHECK_SYNC_BACKEND;
    analyzeRegexSafety('a+');
    expect(process.env.RECHECK_SYNC_BACKEND).toBe(before);
  });
});
