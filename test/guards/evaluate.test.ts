import {describe, expect, it} from 'vitest';
import {GuardEvaluationError} from '../../src/errors.js';
import {compileGuardExpression, evaluateGuardAst, FloatOverflowError} from '../../src/guards/index.js';
import type {PyDict, PyValue} from '../../src/python/values.js';

const env = {
  role: 'planner' as PyValue,
  conditions: {t: true, f: false, role: false} as PyDict,
  context: {count: 10, s: 'abc', lst: ['a', 1, '5'], 'user.tier': 'gold', user: {tier: 'silver'}, huge: 10n ** 400n},
};
const evaluate = (expression: string) => evaluateGuardAst(compileGuardExpression(expression), env);

describe('guard evaluation', () => {
  it('reads role from the invocation in comparisons but from the conditions when bare', () => {
    expect(evaluate('role == planner')).toBe(true);
    expect(evaluate('role')).toBe(false);
  });

  it('looks up dotted identifiers as literal context keys, not paths', () => {
    expect(evaluate('user.tier == gold')).toBe(true);
  });

  it('treats a missing identifier as None: never equal, zero when ordered', () => {
    expect(evaluate('missing == None')).toBe(false);
    expect(evaluate('missing > -1')).toBe(true);
  });

  it('tests list membership with the coerced literal and strings by substring', () => {
    expect(evaluate('"1" in lst')).toBe(true);
    expect(evaluate('"5" in lst')).toBe(false);
    expect(evaluate('"bc" in s')).toBe(true);
  });

  it('short-circuits like Python', () => {
    expect(evaluate('f and unknown')).toBe(false);
    expect(evaluate('t or unknown')).toBe(true);
    expect(() => evaluate('t and unknown')).toThrow('Unknown condition in guard expression: unknown');
  });

  it('lists the resolved conditions when a bare identifier is unknown', () => {
    try {
      evaluate('count');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GuardEvaluationError);
      expect((error as GuardEvaluationError).details).toEqual({
        expression: 'count',
        available_conditions: ['t', 'f', 'role'],
      });
    }
  });

  it('refuses to order non-numeric values, quoting both sides as Python reprs', () => {
    expect(() => evaluate('s > 5')).toThrow("Cannot compare non-numeric values: 'abc' > 5");
    expect(() => evaluate('lst > 0')).toThrow("Cannot compare non-numeric values: ['a', 1, '5'] > 0");
  });

  it('lets an int too large for a float escape as Python OverflowError', () => {
    expect(() => evaluate('huge > 5')).toThrow(FloatOverflowError);
  });
});
