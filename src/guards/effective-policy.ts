// The guard gate: resolve conditions, evaluate every guard in order, then
// apply the matched `then` blocks to a copy of the policy (deep under the keys they merge into).

import type {EnforcementObserver} from '../enforcement-observer.js';
import {pyTruthy} from '../python/semantics.js';
import {deepCopy, defineKeyFrom, isDict, type PyDict, type PyValue, pyTypeName, pyKeys} from '../python/values.js';
import {compileGuardExpression} from './compile.js';
import {resolveConditions} from './conditions.js';
import {mergeThenEffects} from './effects.js';
import {evaluateGuardAst, type GuardEnvironment} from './evaluate.js';

export interface GuardEvaluation {
  readonly condition: PyValue;
  readonly matched: boolean;
}

export interface GuardOutcome {
  readonly effectivePolicy: PyDict;
  /** One entry per guard, in order, with the condition text exactly as written. */
  readonly guardsEvaluated: GuardEvaluation[];
  readonly conditionsResolved: PyDict;
}

/**
 * Runs the guard gate. Conditions resolve from `context`; identifiers in
 * expressions read `invocation.role` and `invocation.context`. The first
 * error (condition or guard) aborts.
 */
export function evaluateGuards(
  policy: PyDict,
  context: PyDict,
  invocation: PyDict,
  observer: EnforcementObserver | null = null,
): GuardOutcome {
  const guards = Object.hasOwn(policy, 'guards') ? policy.guards : [];
  const conditionsResolved = resolveConditions(policy, context, observer);
  if (!pyTruthy(guards)) return {effectivePolicy: shallowCopy(policy), guardsEvaluated: [], conditionsResolved};

  const env: GuardEnvironment = {
    role: Object.hasOwn(invocation, 'role') ? invocation.role : undefined,
    conditions: conditionsResolved,
    context: invocationContext(invocation),
  };
  const guardsEvaluated: GuardEvaluation[] = [];
  const list = asList(guards);
  /** Indexes of the matched guards with an effect, in order. */
  const effects: number[] = [];
  for (let index = 0; index < list.length; index++) {
    const guard = list[index];
    const condition = guardCondition(guard);
    const matched = evaluateGuardAst(compileGuardExpression(condition), env);
    guardsEvaluated.push({condition, matched});
    observer?.guardEvaluated(index, matched);
    if (matched && pyTruthy(thenOf(guard))) effects.push(index);
  }

  // Nothing downstream mutates the effective policy, so a copy shallow where no effect merges serves as the
  // reference's deep one: effects change the policy only under their own top-level keys, which are copied deep.
  // What stays shared keeps the caches keyed by the policy's objects (compiled schemas, constraint schemas) warm.
  const effectivePolicy = shallowCopy(policy);
  if (effects.length === 0) return {effectivePolicy, guardsEvaluated, conditionsResolved};
  const copied = new Set<string>();
  for (const index of effects) {
    const then = asDict(thenOf(list[index]), 'items');
    for (const key of pyKeys(then)) {
      if (copied.has(key) || !Object.hasOwn(policy, key)) continue;
      copied.add(key);
      defineKeyFrom(effectivePolicy, policy, key, deepCopy(policy[key]));
    }
    mergeThenEffects(effectivePolicy, then);
    observer?.guardApplied(index);
  }
  return {effectivePolicy, guardsEvaluated, conditionsResolved};
}

/** `guard.get("then", {})` of a guard already read as a mapping. */
function thenOf(guard: PyValue): PyValue {
  return Object.hasOwn(asDict(guard, 'get'), 'then') ? (guard as PyDict).then : {};
}

// The shapes below are guaranteed by the policy schema; without it the
// reference fails with the same Python TypeError/AttributeError texts.

/** `guard.when.condition`, with a missing `when` or `condition` read as the empty expression. */
function guardCondition(guard: PyValue): string {
  const guardDict = asDict(guard, 'get');
  const when = Object.hasOwn(guardDict, 'when') ? guardDict.when : {};
  const whenDict = asDict(when, 'get');
  const condition = Object.hasOwn(whenDict, 'condition') ? whenDict.condition : '';
  if (typeof condition !== 'string') throw new TypeError(`'${pyTypeName(condition)}' object has no attribute 'strip'`);
  return condition;
}

function invocationContext(invocation: PyDict): PyDict {
  const context = Object.hasOwn(invocation, 'context') ? invocation.context : {};
  return isDict(context) ? context : {};
}

function asList(value: PyValue): PyValue[] {
  if (!Array.isArray(value)) throw new TypeError(`'${pyTypeName(value)}' guards are not a list`);
  return value;
}

function asDict(value: PyValue, method: string): PyDict {
  if (!isDict(value)) throw new TypeError(`'${pyTypeName(value)}' object has no attribute '${method}'`);
  return value;
}

/** Python `dict(policy)`: a new top-level mapping sharing its values. */
function shallowCopy(policy: PyDict): PyDict {
  const copy: PyDict = {};
  for (const key of pyKeys(policy)) {
    defineKeyFrom(copy, policy, key, policy[key]);
  }
  return copy;
}
