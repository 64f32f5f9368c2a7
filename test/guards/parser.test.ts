import {describe, expect, it} from 'vitest';
import {compileGuardExpression, parseGuardSyntax} from '../../src/guards/index.js';
import {PyFloat} from '../../src/python/values.js';

describe('the guard parser', () => {
  it('binds not tighter than and, and and tighter than or', () => {
    expect(compileGuardExpression('not a or b and c')).toEqual({
      kind: 'or',
      left: {kind: 'not', operand: {kind: 'condition', name: 'a'}},
      right: {kind: 'and', left: {kind: 'condition', name: 'b'}, right: {kind: 'condition', name: 'c'}},
    });
  });

  it('coerces comparison literals once, at compile time', () => {
    expect(compileGuardExpression('x == "1"')).toMatchObject({kind: 'compare', literalText: '1', literal: 1});
    expect(compileGuardExpression('x == 5.0')).toMatchObject({literal: new PyFloat(5)});
    expect(compileGuardExpression('x == true')).toMatchObject({literal: true});
    expect(compileGuardExpression('x == True')).toMatchObject({literal: 'True'});
  });

  it('accepts any single token on the right of a comparison', () => {
    expect(compileGuardExpression('role == (')).toMatchObject({kind: 'compare', literalText: '('});
    expect(compileGuardExpression('role == ==')).toMatchObject({kind: 'compare', literalText: '=='});
  });

  it('keeps the text of an identifier on the left of in', () => {
    expect(compileGuardExpression('role in admins')).toMatchObject({
      kind: 'membership',
      literalText: 'role',
      field: 'admins',
    });
  });

  it('refuses chained comparisons', () => {
    expect(() => compileGuardExpression('a == b == c')).toThrow(
      "Unexpected tokens after expression: ['==', 'c'] in 'a == b == c'",
    );
  });

  it('names the expected and the actual token when a parenthesis is not closed', () => {
    expect(() => compileGuardExpression('(t x')).toThrow(
      "Expected PAREN()) but got IDENT(x) in guard expression: '(t x'",
    );
  });

  it('quotes the stripped expression in its messages', () => {
    expect(() => compileGuardExpression('  t and  ')).toThrow("Unexpected end of guard expression: 't and'");
  });

  it('rejects an empty or all-whitespace expression', () => {
    expect(() => compileGuardExpression(' \t\x1c ')).toThrow('Empty guard condition expression');
  });
});

describe('parseGuardSyntax, for lint', () => {
  it('returns the AST when the expression parses', () => {
    expect(parseGuardSyntax('t or f')).toMatchObject({ok: true, ast: {kind: 'or'}});
  });

  it('returns the reference error and the offset in the expression as written', () => {
    const result = parseGuardSyntax('  t && f');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("Unexpected character in guard expression at position 2: '&'");
    expect(result.error.details).toEqual({expression: 't && f', position: 2});
    expect(result.offset).toBe(4);
  });

  it('locates parser errors at the offending token, or at the end', () => {
    const leftover = parseGuardSyntax('t AND f');
    const truncated = parseGuardSyntax('count ==');
    expect(leftover.ok || leftover.offset).toBe(2);
    expect(truncated.ok || truncated.offset).toBe(8);
  });

  it('hands out a fresh error object on every call', () => {
    const first = parseGuardSyntax('(((');
    const second = parseGuardSyntax('(((');
    expect(first.ok || second.ok).toBe(false);
    if (first.ok || second.ok) return;
    expect(first.error).not.toBe(second.error);
    expect(first.error.message).toBe(second.error.message);
  });
});

describe('compileGuardExpression', () => {
  it('compiles each distinct expression once and reuses the AST', () => {
    expect(compileGuardExpression('cached and reused')).toBe(compileGuardExpression('cached and reused'));
  });
});
