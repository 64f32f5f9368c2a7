// Recursive descent over guard tokens. Precedence: not > and > or; and/or are
// left-associative. Comparison right-hand sides accept any single token, as
// the reference's do.

import {pyRepr} from '../python/repr.js';
import type {ComparisonOperator, GuardAst} from './ast.js';
import {coerceLiteral} from './literals.js';
import {GuardSyntaxError} from './syntax-error.js';
import type {Token, TokenType} from './tokenizer.js';

/** Parses a whole token list; every token must be consumed. */
export function parseTokens(tokens: readonly Token[], expression: string): GuardAst {
  return new GuardParser(tokens, expression).parseExpression();
}

class GuardParser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly expression: string,
  ) {}

  parseExpression(): GuardAst {
    const ast = this.parseOr();
    if (this.index < this.tokens.length) {
      const remaining = this.tokens.slice(this.index).map((token) => token.text);
      this.fail(
        `Unexpected tokens after expression: ${pyRepr(remaining)} in '${this.expression}'`,
        this.tokens[this.index],
      );
    }
    return ast;
  }

  private parseOr(): GuardAst {
    let left = this.parseAnd();
    while (this.atKeyword('or')) {
      this.index++;
      left = {kind: 'or', left, right: this.parseAnd()};
    }
    return left;
  }

  private parseAnd(): GuardAst {
    let left = this.parseNot();
    while (this.atKeyword('and')) {
      this.index++;
      left = {kind: 'and', left, right: this.parseNot()};
    }
    return left;
  }

  private parseNot(): GuardAst {
    let negations = 0;
    while (this.atKeyword('not')) {
      this.index++;
      negations++;
    }
    let ast = this.parsePrimary();
    for (; negations > 0; negations--) ast = {kind: 'not', operand: ast};
    return ast;
  }

  private parsePrimary(): GuardAst {
    const token = this.peek();
    if (!token) return this.failAtEnd(`Unexpected end of guard expression: '${this.expression}'`);
    if (token.type === 'PAREN' && token.text === '(') {
      this.index++;
      const inner = this.parseOr();
      this.expect('PAREN', ')');
      return inner;
    }
    if (token.type === 'STRING') {
      if (this.isKeyword(this.tokens[this.index + 1], 'in')) return this.parseMembership();
      return this.fail(`Unexpected string literal in guard expression: '${this.expression}'`, token);
    }
    if (token.type === 'IDENT') {
      const next = this.tokens[this.index + 1];
      if (next?.type === 'OP') return this.parseComparison();
      if (this.isKeyword(next, 'in')) return this.parseMembership();
      this.index++;
      return {kind: 'condition', name: token.text};
    }
    return this.fail(`Unexpected token '${token.text}' in guard expression: '${this.expression}'`, token);
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
