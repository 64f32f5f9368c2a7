// `extends` composition: the reference's merge strategies and its
// restriction ("monotonic") checks on roles and required postconditions.

import {PolicyValidationError} from '../errors.js';
import {pyRepr, pyStr} from '../python/repr.js';
import {pyContains, pyIterate, pySorted, pyTruthy, pyUnique} from '../python/semantics.js';
import {deepCopy, defineKey, dictGet, hasKey, isDict, type PyDict, type PyValue, pyKeys} from '../python/values.js';

export const COMPOSITION_STRATEGIES = ['intersect', 'union', 'replace'] as const;
export type CompositionStrategy = (typeof COMPOSITION_STRATEGIES)[number];
export const COMPOSITION_INTERSECT = 'intersect' satisfies CompositionStrategy;
export const COMPOSITION_UNION = 'union' satisfies CompositionStrategy;
export const COMPOSITION_REPLACE = 'replace' satisfies CompositionStrategy;

const COMPOSITION_KEYS = new Set(['extends', 'composition_strategy']);

/** Merges `overlay` into a copy of `base` (inputs untouched), as `merge_policies` does. */
export function mergePolicies(base: PyDict, overlay: PyDict, strategy: PyValue | undefined = null): PyDict {
  const merged = deepCopy(base);
  for (const key of pyKeys(overlay)) {
    if (COMPOSITION_KEYS.has(key)) continue;
    const value = overlay[key];
    const current = dictGet(merged, key);
    if (strategy === 'replace' || current === undefined) {
      defineKey(merged, key, deepCopy(value));
    } else if (Array.isArray(current) && Array.isArray(value)) {
      merged[key] = mergeArrays(current, value, strategy);
    } else if (isDict(current) && isDict(value)) {
      merged[key] = mergePolicies(current, value, strategy);
    } else {
      merged[key] = deepCopy(value);
    }
  }
  return merged;
}

function mergeArrays(base: PyValue[], overlay: PyValue[], strategy: PyValue | undefined): PyValue[] {
  if (strategy === 'intersect') return base.filter((item) => pyContains(overlay, item));
  if (strategy === 'union') {
    const seen = new Set<string>();
    return [...base, ...overlay].filter((item) => {
      const key = pyStr(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return [...base, ...deepCopy(overlay)];
}

/**
 * Python `sorted(set(x or []))`, or null where the reference crashes
 * (`roles: 5`, unhashable or mixed-type items, `post_conditions: [x]`). Such a
 * merged value can never pass the schema, so the check is skipped and the
 * schema reports it: a PolicyValidationError instead of a raw TypeError.
 */
function sortedSet(value: PyValue | undefined): PyValue[] | null {
  if (!pyTruthy(value)) return [];
  if (typeof value !== 'string' && !Array.isArray(value) && !isDict(value)) return null;
  const items = pyIterate(value);
  if (items.some((item) => Array.isArray(item) || isDict(item))) return null;
  try {
    return pySorted(pyUnique(items));
  } catch {
    return null;
  }
}

function requiredPostconditions(policy: PyDict): PyValue[] | null {
  const post = dictGet(policy, 'post_conditions');
  if (post === undefined) return [];
  return isDict(post) ? sortedSet(dictGet(post, 'required')) : null;
}

/** Refuses a merge that adds roles or drops required postconditions of the base. */
export function checkCompositionRestriction(base: PyDict, merged: PyDict): void {
  const baseRoles = sortedSet(dictGet(base, 'roles'));
  const mergedRoles = sortedSet(dictGet(merged, 'roles'));
  const escalated = mergedRoles?.filter((role) => !pyContains(baseRoles ?? [], role)) ?? [];
  if (baseRoles && baseRoles.length > 0 && escalated.length > 0) {
    throw new PolicyValidationError(
      `Composition escalation: child policy adds roles not present in base policy: ${pyRepr(escalated)}`,
      {base_roles: baseRoles, merged_roles: mergedRoles, escalated_roles: escalated},
      {reason: 'composition-escalation'},
    );
  }
  const basePost = requiredPostconditions(base);
  const mergedPost = requiredPostconditions(merged);
  const removed = mergedPost ? (basePost ?? []).filter((name) => !pyContains(mergedPost, name)) : [];
  if (basePost && basePost.length > 0 && removed.length > 0) {
    throw new PolicyValidationError(
      `Composition weakening: child policy removes required postconditions from base policy: ${pyRepr(removed)}`,
      {base_required: basePost, merged_required: mergedPost, removed_postconditions: removed},
      {reason: 'composition-weakening'},
    );
  }
}

/** The child's strategy, validated as the reference does after the base loads. */
export function compositionStrategyOf(policy: PyDict): CompositionStrategy | null {
  const strategy = dictGet(policy, 'composition_strategy');
  if (strategy === undefined || strategy === null) return null;
  if (typeof strategy !== 'string' || !(COMPOSITION_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new PolicyValidationError(
      `Invalid composition_strategy: ${pyRepr(strategy)}; expected one of ('intersect', 'union', 'replace')`,
      {composition_strategy: strategy},
      {reason: 'invalid-composition-strategy'},
    );
  }
  return strategy as CompositionStrategy;
}

/** Removes the composition keys from a merged policy. */
export function stripCompositionKeys(policy: PyDict): PyDict {
  for (const key of COMPOSITION_KEYS) if (hasKey(policy, key)) delete policy[key];
  return policy;
}
