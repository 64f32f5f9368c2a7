// Dictionary lookups by a guard identifier. Identifiers are strings, so a key
// that was an int or bool in the YAML source (`1:`, `true:`) never matches.

import {originalKey, type PyDict, type PyValue} from '../python/values.js';

/** Python `name in dict` for a string name. */
export function hasTextKey(dict: PyDict, name: string): boolean {
  return Object.hasOwn(dict, name) && typeof originalKey(dict, name) === 'string';
}

/** Python `dict.get(name)` for a string name. */
export function getByText(dict: PyDict, name: string): PyValue | undefined {
  return hasTextKey(dict, name) ? dict[name] : undefined;
}
