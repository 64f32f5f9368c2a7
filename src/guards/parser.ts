// Recursive descent over guard tokens. Precedence: not > and > or; and/or are
// left-associative. Comparison right-hand sides accept any single token, as
// the reference's do.

import {pyRepr} from '../python/repr.js';
import type {ComparisonOperator, GuardAst} from './ast.js';
import {coerceLiteral} from './literals.js';
import {GuardSyntaxError} from './syntax-error.js';
import type {Token, TokenType} from './tokenizer.js';

/**
 * How deep parentheses may nest. The reference's recursive parser overflows
 * Python's recursion limit at about 250 levels; aigc stops below that with a
 * syntax error instead of exhausting its stack (docs/limits.md).
 */
export const MAX_GUARD_NESTING = 200;

/**
 * How deep the expression tree may grow: each `and`/`or` operand after the
 * first and each `not` adds a level (the reference evaluates about a
 * thousand before Python's recursion limit).
 */
export const MAX_GUARD_TREE_DEPTH = 900;

/** Parses a whole token list; every token must be consumed. */
export function parseTokens(tokens: readonly Token[], expression: string): GuardAst {
  return new GuardParser(tokens, expression).parseExpression();
}

/** A parsed part and the depth of its tree, in operators (a leaf is 0). */
type Parsed = [GuardAst, number];

class GuardParser {
  private index = 0;
  private nesting = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly expression: string,
  ) {}

  parseExpression(): GuardAst {
    const [ast] = this.parseOr();
    if (this.index < this.tokens.length) {
      const remaining = this.tokens.slice(this.index).map((token) => token.text);
      this.fail(
        `Unexpected tokens after expression: ${pyRepr(remaining)} in '${this.expression}'`,
        this.tokens[this.index],
      );
    }
    return ast;
  }

  private parseOr(): Parsed {
    let [left, depth] = this.parseAnd();
    while (this.atKeyword('or')) {
      const operator = this.tokens[this.index++];
      const [right, rightDepth] = this.parseAnd();
      left = {kind: 'or', left, right};
      depth = this.deeper(Math.max(depth, rightDepth), operator);
    }
    return [left, depth];
  }

  private parseAnd(): Parsed {
    let [left, depth] = this.parseNot();
    while (this.atKeyword('and')) {
      const operator = this.tokens[this.index++];
      const [right, rightDepth] = this.parseNot();
      left = {kind: 'and', left, right};
      depth = this.deeper(Math.max(depth, rightDepth), operator);
    }
    return [left, depth];
  }

  private parseNot(): Parsed {
    const negations: Token[] = [];
    while (this.atKeyword('not')) negations.push(this.tokens[this.index++]);
    let [ast, depth] = this.parsePrimary();
    for (let index = negations.length - 1; index >= 0; index--) {
      ast = {kind: 'not', operand: ast};
      depth = this.deeper(depth, negations[index]);
    }
    return [ast, depth];
  }

  private parsePrimary(): Parsed {
    const token = this.peek();
    if (!token) return this.failAtEnd(`Unexpected end of guard expression: '${this.expression}'`);
    if (token.type === 'PAREN' && token.text === '(') {
      if (++this.nesting > MAX_GUARD_NESTING) {
        this.fail(`Guard expression nests parentheses deeper than ${MAX_GUARD_NESTING} levels`, token);
      }
      this.index++;
      const inner = this.parseOr();
      this.expect('PAREN', ')');
      this.nesting--;
      return inner;
    }
    if (token.type === 'STRING') {
      if (this.isKeyword(this.tokens[this.index + 1], 'in')) return [this.parseMembership(), 0];
      return this.fail(`Unexpected string literal in guard expression: '${this.expression}'`, token);
    }
    if (token.type === 'IDENT') {
      const next = this.tokens[this.index + 1];
      if (next?.type === 'OP') return [this.parseComparison(), 0];
      if (this.isKeyword(next, 'in')) return [this.parseMembership(), 0];
      this.index++;
      return [{kind: 'condition', name: token.text}, 0];
    }
    return this.fail(`Unexpected token '${token.text}' in guard expression: '${this.expression}'`, token);
  }

  /** One level more than `depth`, refused past the bound at the operator that adds it. */
  private deeper(depth: number, operator: Token): number {
    if (depth + 1 > MAX_GUARD_TREE_DEPTH) {
      this.fail(`Guard expression is nested deeper than ${MAX_GUARD_TREE_DEPTH} operators (and, or, not)`, operator);
    }
    return depth + 1;
  }

  private parseComparison(): GuardAst {
    const identifier = this.tokens[this.index].text;
    const operator = this.tokens[this.index + 1].text as ComparisonOperator;
    this.index += 2;
    const value = this.peek();
    if (!value) return this.failAtEnd(`Expected value after operator in: '${this.expression}'`);
    this.index++;
    return {kind: 'compare', identifier, operator, literalText: value.text, literal: coerceLiteral(value.text)};
  }

  private parseMembership(): GuardAst {
    const literalText = this.tokens[this.index].text;
    this.index += 2;
    const field = this.expect('IDENT', null).text;
    return {kind: 'membership', literalText, literal: coerceLiteral(literalText), field};
  }

  private expect(type: TokenType, text: string | null): Token {
    const token = this.peek();
    if (!token) return this.failAtEnd(`Unexpected end of guard expression: '${this.expression}'`);
    if (token.type !== type || (text !== null && token.text !== text)) {
      this.fail(
        `Expected ${type}(${text ?? 'None'}) but got ${token.type}(${token.text}) in guard expression: '${this.expression}'`,
        token,
      );
    }
    this.index++;
    return token;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private atKeyword(keyword: string): boolean {
    return this.isKeyword(this.peek(), keyword);
  }

  private isKeyword(token: Token | undefined, keyword: string): boolean {
    return token?.type === 'KEYWORD' && token.text === keyword;
  }

  private fail(message: string, token: Token): never {
    throw new GuardSyntaxError(message, {expression: this.expression}, token.start);
  }

  private failAtEnd(message: string): never {
    throw new GuardSyntaxError(message, {expression: this.expression}, Array.from(this.expression).length);
  }
}
