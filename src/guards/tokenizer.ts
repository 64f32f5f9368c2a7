// Splits a stripped guard expression into tokens, alternative by alternative
// in the reference's order. Positions count code points, as Python indexes strings.

import {GuardSyntaxError} from './syntax-error.js';
import {decimalValue, isPySpace} from '../python/unicode.js';

export type TokenType = 'KEYWORD' | 'OP' | 'STRING' | 'PAREN' | 'IDENT' | 'NUMBER';

export interface Token {
  readonly type: TokenType;
  /** The token's value: the text itself, or a string's content without quotes. */
  readonly text: string;
  /** Code-point index of the token's first character in the stripped expression. */
  readonly start: number;
}

const KEYWORDS = ['and', 'or', 'not', 'in'] as const;
const IDENT_START = /^[A-Za-z_]$/;
const IDENT_PART = /^[A-Za-z0-9_.]$/;

/** Tokenizes `expression`, which must already be stripped. */
export function tokenize(expression: string): Token[] {
  const chars = Array.from(expression);
  const tokens: Token[] = [];
  let position = 0;
  while (position < chars.length) {
    while (position < chars.length && isSpaceChar(chars[position])) position++;
    if (position >= chars.length) break;
    const match = matchToken(chars, position);
    if (!match) {
      throw new GuardSyntaxError(
        `Unexpected character in guard expression at position ${position}: '${chars[position]}'`,
        {expression, position},
        position,
      );
    }
    tokens.push({type: match.type, text: match.text, start: position});
    position = match.end;
  }
  return tokens;
}

interface Match {
  type: TokenType;
  text: string;
  end: number;
}

function matchToken(chars: readonly string[], at: number): Match | null {
  return (
    matchKeyword(chars, at) ??
    matchOperator(chars, at) ??
    matchString(chars, at) ??
    matchParen(chars, at) ??
    matchIdentifier(chars, at) ??
    matchNumber(chars, at)
  );
}

/** A keyword only when whitespace or the end follows; `not(x)` and `andy` are identifiers. */
function matchKeyword(chars: readonly string[], at: number): Match | null {
  for (const keyword of KEYWORDS) {
    const end = at + keyword.length;
    if (chars.slice(at, end).join('') !== keyword) continue;
    if (end === chars.length || isSpaceChar(chars[end])) return {type: 'KEYWORD', text: keyword, end};
  }
  return null;
}

function matchOperator(chars: readonly string[], at: number): Match | null {
  const char = chars[at];
  if ('!=<>'.includes(char) && chars[at + 1] === '=') return {type: 'OP', text: `${char}=`, end: at + 2};
  if (char === '<' || char === '>') return {type: 'OP', text: char, end: at + 1};
  return null;
}

/** Quoted text with no escapes; an unterminated quote matches nothing. */
function matchString(chars: readonly string[], at: number): Match | null {
  const quote = chars[at];
  if (quote !== '"' && quote !== "'") return null;
  const close = chars.indexOf(quote, at + 1);
  if (close < 0) return null;
  return {type: 'STRING', text: chars.slice(at + 1, close).join(''), end: close + 1};
}

function matchParen(chars: readonly string[], at: number): Match | null {
  const char = chars[at];
  return char === '(' || char === ')' ? {type: 'PAREN', text: char, end: at + 1} : null;
}

function matchIdentifier(chars: readonly string[], at: number): Match | null {
  if (!IDENT_START.test(chars[at])) return null;
  let end = at + 1;
  while (end < chars.length && IDENT_PART.test(chars[end])) end++;
  return {type: 'IDENT', text: chars.slice(at, end).join(''), end};
}

/** `-?\d+(?:\.\d+)?` with Python's Unicode `\d`. */
function matchNumber(chars: readonly string[], at: number): Match | null {
  let end = chars[at] === '-' ? at + 1 : at;
  const digitsStart = end;
  end = skipDigits(chars, end);
  if (end === digitsStart) return null;
  if (chars[end] === '.') {
    const fractionEnd = skipDigits(chars, end + 1);
    if (fractionEnd > end + 1) end = fractionEnd;
  }
  return {type: 'NUMBER', text: chars.slice(at, end).join(''), end};
}

function skipDigits(chars: readonly string[], at: number): number {
  let end = at;
  while (end < chars.length && decimalValue(chars[end].codePointAt(0)!) >= 0) end++;
  return end;
}

function isSpaceChar(char: string): boolean {
  return isPySpace(char.codePointAt(0)!);
}
