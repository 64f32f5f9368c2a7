// The additive merge of a matched guard's `then` block into the effective
// policy. Unlike composition it has no strategies: lists append, mappings
// merge, anything else is replaced.

import {deepCopy, defineKey, defineKeyFrom, isDict, type PyDict, pyKeys} from '../python/values.js';

/**
 * Merges `effect` into `policy` **in place** and returns `policy`. Values taken
 * from `effect` are deep-copied, so the two never share structure.
 */
export function mergeThenEffects(policy: PyDict, effect: PyDict): PyDict {
  for (const key of pyKeys(effect)) {
    const incoming = effect[key];
    if (!Object.hasOwn(policy, key)) {
      defineKeyFrom(policy, effect, key, deepCopy(incoming));
      continue;
    }
    const current = policy[key];
    if (Array.isArray(current) && Array.isArray(incoming)) {
      for (const item of incoming) current.push(deepCopy(item));
    } else if (isDict(current) && isDict(incoming)) {
      mergeThenEffects(current, incoming);
    } else {
      defineKey(policy, key, deepCopy(incoming));
    }
  }
  return policy;
}
