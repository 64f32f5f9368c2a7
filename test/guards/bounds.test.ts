// Guard expressions have explicit bounds (docs/limits.md): past any of them
// the expression is a guard-syntax error at a place in it, never a stack
// overflow, so lint reports a finding and enforce fails closed with a reason.
import {describe, expect, it} from 'vitest';
import {MAX_GUARD_LENGTH} from '../../src/guards/compile.js';
import {evaluateGuardAst, parseGuardSyntax} from '../../src/guards/index.js';
import {MAX_GUARD_NESTING, MAX_GUARD_TREE_DEPTH} from '../../src/guards/parser.js';

const failure = (expression: string) => {
  const result = parseGuardSyntax(expression);
  if (result.ok) throw new Error('expected a syntax error');
  return {message: result.error.message, offset: result.offset, reason: result.error.reason};
};

describe('guard expression bounds', () => {
  it('parses parentheses nested to the bound and refuses one level more at that parenthesis', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
    expect(parseGuardSyntax(nested(MAX_GUARD_NESTING)).ok).toBe(true);
    expect(failure(nested(MAX_GUARD_NESTING + 1))).toEqual({
      message: `Guard expression nests parentheses deeper than ${MAX_GUARD_NESTING} levels`,
      offset: MAX_GUARD_NESTING,
      reason: 'guard-syntax',
    });
  });

  it('evaluates and/or chains and not runs up to the tree bound, and refuses longer ones at the operator', () => {
    const chain = (operands: number) => Array.from({length: operands}, () => 'a').join(' and ');
    const atBound = parseGuardSyntax(chain(MAX_GUARD_TREE_DEPTH + 1));
    expect(atBound.ok).toBe(true);
    if (atBound.ok) expect(evaluateGuardAst(atBound.ast, {role: undefined, conditions: {a: true}, context: {}})).toBe(true);
    expect(failure(chain(MAX_GUARD_TREE_DEPTH + 2)).message).toBe(`Guard expression is nested deeper than ${MAX_GUARD_TREE_DEPTH} operators (and, or, not)`);
    expect(failure(`${'not '.repeat(MAX_GUARD_TREE_DEPTH + 1)}a`)).toMatchObject({offset: 0});
    expect(parseGuardSyntax(`${'not '.repeat(MAX_GUARD_TREE_DEPTH)}a`).ok).toBe(true);
  });

  it(`refuses an expression longer than ${MAX_GUARD_LENGTH} characters before tokenizing it`, () => {
    const long = `  ${'a or '.repeat(MAX_GUARD_LENGTH)}a`;
    expect(failure(long)).toEqual({
      message: `Guard expression is ${long.trim().length} characters long, more than the limit of ${MAX_GUARD_LENGTH}`,
      offset: 2,
      reason: 'guard-syntax',
    });
    expect(parseGuardSyntax(`x == "${'é'.repeat(MAX_GUARD_LENGTH - 7)}"`).ok).toBe(true);
  });
});
