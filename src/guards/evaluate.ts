// Evaluates a compiled guard with Python's semantics: `==` is Python equality,
// orderings go through float(), `and`/`or` short-circuit, every result is a bool.

import {GuardEvaluationError} from '../errors.js';
import {pyRepr} from '../python/repr.js';
import {pyContains, pyEquals, pyTruthy} from '../python/semantics.js';
import {originalKey, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import type {ComparisonOperator, GuardAst, GuardLiteral} from './ast.js';
import {getByText, hasTextKey} from './keys.js';
import {pyFloatOf} from './numbers.js';

export interface GuardEnvironment {
  /** The invocation's `role`, undefined when absent. */
  readonly role: PyValue | undefined;
  /** Resolved conditions, name → bool. */
  readonly conditions: PyDict;
  /** The invocation's `context`. */
  readonly context: PyDict;
}

export function evaluateGuardAst(ast: GuardAst, env: GuardEnvironment): boolean {
  switch (ast.kind) {
    case 'condition':
      return lookupCondition(ast.name, env);
    case 'not':
      return !evaluateGuardAst(ast.operand, env);
    case 'and':
      return evaluateGuardAst(ast.left, env) && evaluateGuardAst(ast.right, env);
    case 'or':
      return evaluateGuardAst(ast.left, env) || evaluateGuardAst(ast.right, env);
    case 'compare':
      return compare(resolveIdentifier(ast.identifier, env), ast.operator, ast.literal, ast);
    case 'membership':
      return isMember(ast.literalText, ast.literal, resolveIdentifier(ast.field, env));
  }
}

/** A bare identifier consults the resolved conditions only, never role or context. */
function lookupCondition(name: string, env: GuardEnvironment): boolean {
  if (hasTextKey(env.conditions, name)) return pyTruthy(env.conditions[name]);
  throw new GuardEvaluationError(`Unknown condition in guard expression: ${name}`, {
    expression: name,
    available_conditions: pyKeys(env.conditions).map((key) => originalKey(env.conditions, key)),
  }, {reason: 'unknown-condition'});
}

/** `role` first, then conditions, then a literal top-level context key; else None. */
function resolveIdentifier(name: string, env: GuardEnvironment): PyValue | undefined {
  if (name === 'role') return env.role;
  if (hasTextKey(env.conditions, name)) return env.conditions[name];
  return getByText(env.context, name);
}

function compare(
  left: PyValue | undefined,
  operator: ComparisonOperator,
  right: GuardLiteral,
  source: {identifier: string; literalText: string},
): boolean {
  if (operator === '==') return pyEquals(left, right);
  if (operator === '!=') return !pyEquals(left, right);
  const leftNumber = left === null || left === undefined ? 0 : pyFloatOf(left);
  const rightNumber = leftNumber === null ? null : pyFloatOf(right);
  if (leftNumber === null || rightNumber === null) {
    throw new GuardEvaluationError(`Cannot compare non-numeric values: ${pyRepr(left)} ${operator} ${pyRepr(right)}`, {
      left: source.identifier,
      op: operator,
      right: source.literalText,
    }, {reason: 'non-numeric-comparison'});
  }
  switch (operator) {
    case '<':
      return leftNumber < rightNumber;
    case '>':
      return leftNumber > rightNumber;
    case '<=':
      return leftNumber <= rightNumber;
    case '>=':
      return leftNumber >= rightNumber;
  }
}

/**
 * Lists test the coerced literal by Python `==`; strings test the raw text as
 * a substring; anything else (None, numbers, dicts) contains nothing.
 */
function isMember(literalText: string, literal: GuardLiteral, container: PyValue | undefined): boolean {
  if (Array.isArray(container)) return pyContains(container, literal);
  if (typeof container === 'string') return containsCodePoints(container, literalText);
  return false;
}

/**
 * Python substring test: a match may not split a surrogate pair, which only
 * matters when the needle holds a lone surrogate.
 */
function containsCodePoints(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (!splitsPair(haystack, at) && !splitsPair(haystack, at + needle.length)) return true;
  }
  return false;
}

function splitsPair(text: string, boundary: number): boolean {
  if (boundary <= 0 || boundary >= text.length) return false;
  const before = text.charCodeAt(boundary - 1);
  const after = text.charCodeAt(boundary);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
