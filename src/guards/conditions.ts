// Named boolean conditions resolved from the invocation context, in
// declaration order: context value, else default, else required error, else skipped.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {ConditionResolutionError} from '../errors.js';
import {pyRepr, pyStr} from '../python/repr.js';
import {pyEquals, pyTruthy} from '../python/semantics.js';
import {defineKeyFrom, isDict, originalKey, type PyDict, type PyValue, pyTypeName, pyKeys} from '../python/values.js';

/** Resolves `policy.conditions` against the context; the first problem throws ConditionResolutionError. */
export function resolveConditions(policy: PyDict, context: PyDict, observer: EnforcementObserver | null = null): PyDict {
  const declared = Object.hasOwn(policy, 'conditions') ? policy.conditions : {};
  if (!isDict(declared)) throw new TypeError(`'${pyTypeName(declared)}' object has no attribute 'items'`);
  const resolved: PyDict = {};
  for (const key of pyKeys(declared)) {
    const name = originalKey(declared, key);
    const value = resolveOne(key, name, declared[key], context, observer);
    if (value === undefined) continue;
    defineKeyFrom(resolved, declared, key, value);
  }
  return resolved;
}

function resolveOne(key: string, name: PyValue, spec: PyValue, context: PyDict, observer: EnforcementObserver | null): boolean | undefined {
  const specDict = isDict(spec) ? spec : {};
  if (Object.hasOwn(context, key) && pyEquals(originalKey(context, key), name)) {
    const value = context[key];
    if (typeof value !== 'boolean') {
      const typeName = pyTypeName(value);
      throw new ConditionResolutionError(`Condition '${pyStr(name)}' must be boolean, got ${typeName}`, {
        condition: name,
        value_type: typeName,
      }, {reason: 'condition-not-boolean'});
    }
    observer?.condition(name, value ? 'true' : 'false');
    return value;
  }
  if (Object.hasOwn(specDict, 'default')) {
    const fallback = specDict.default;
    if (typeof fallback !== 'boolean') {
      const typeName = pyTypeName(fallback);
      throw new ConditionResolutionError(`Condition '${pyStr(name)}' default must be boolean, got ${typeName}`, {
        condition: name,
        default_type: typeName,
      }, {reason: 'condition-not-boolean'});
    }
    observer?.condition(name, 'default');
    return fallback;
  }
  if (pyTruthy(specDict.required)) {
    const available = pyKeys(context)
      .filter((contextKey) => typeof context[contextKey] === 'boolean')
      .map((contextKey) => originalKey(context, contextKey));
    const hint = available.length > 0 ? ` (available boolean keys: ${pyRepr(available)})` : '';
    observer?.condition(name, 'missing');
    throw new ConditionResolutionError(`Required condition '${pyStr(name)}' not found in context${hint}`, {
      condition: name,
      required: true,
      available_conditions: available,
    }, {reason: 'required-condition-missing'});
  }
  return undefined;
}
