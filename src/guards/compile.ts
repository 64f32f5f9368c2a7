// Expression text → AST, compiled once per distinct text and reused, so a
// stream of invocations under one policy parses each guard a single time.

import {GuardEvaluationError} from '../errors.js';
import type {GuardAst} from './ast.js';
import {parseTokens} from './parser.js';
import {GuardSyntaxError} from './syntax-error.js';
import {tokenize} from './tokenizer.js';
import {leadingSpaceCount, pyStrip} from '../python/unicode.js';

export type GuardSyntaxResult =
  | {readonly ok: true; readonly ast: GuardAst}
  | {
      readonly ok: false;
      readonly error: GuardEvaluationError;
      /** Code-point offset into the expression as written (before stripping) where the problem was found. */
      readonly offset: number;
    };

type CachedCompilation =
  | {readonly ok: true; readonly ast: GuardAst}
  | {readonly ok: false; readonly message: string; readonly details: GuardEvaluationError['details']; readonly offset: number};

/**
 * The longest guard expression aigc parses, in characters (code points) after
 * stripping: far beyond any written by hand, and short enough that the error
 * messages echoing an expression stay readable (docs/limits.md).
 */
export const MAX_GUARD_LENGTH = 10_000;

/** Bounds the cache for processes that see unboundedly many distinct expressions. */
const CACHE_LIMIT = 4096;
const compiled = new Map<string, CachedCompilation>();

/** Parses without throwing: the AST, or the error the reference would raise and where. */
export function parseGuardSyntax(expression: string): GuardSyntaxResult {
  const cached = compileCached(expression);
  if (cached.ok) return cached;
  return {ok: false, error: new GuardEvaluationError(cached.message, {...cached.details}, {reason: 'guard-syntax'}), offset: cached.offset};
}

/** The AST of a guard expression; throws GuardEvaluationError on a syntax error. */
export function compileGuardExpression(expression: string): GuardAst {
  const result = parseGuardSyntax(expression);
  if (!result.ok) throw result.error;
  return result.ast;
}

function compileCached(expression: string): CachedCompilation {
  let entry = compiled.get(expression);
  if (!entry) {
    entry = compileUncached(expression);
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(expression, entry);
  }
  return entry;
}

function compileUncached(expression: string): CachedCompilation {
  const stripped = pyStrip(expression);
  const leading = leadingSpaceCount(expression);
  if (stripped === '') {
    return {ok: false, message: 'Empty guard condition expression', details: {expression: ''}, offset: 0};
  }
  const length = stripped.length > MAX_GUARD_LENGTH ? Array.from(stripped).length : 0;
  if (length > MAX_GUARD_LENGTH) {
    const message = `Guard expression is ${length} characters long, more than the limit of ${MAX_GUARD_LENGTH}`;
    return {ok: false, message, details: {expression: `${Array.from(stripped).slice(0, 80).join('')}…`}, offset: leading};
  }
  try {
    return {ok: true, ast: parseTokens(tokenize(stripped), stripped)};
  } catch (error) {
    if (!(error instanceof GuardSyntaxError)) throw error;
    return {ok: false, message: error.message, details: error.details, offset: leading + error.position};
  }
}
