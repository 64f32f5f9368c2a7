// Canonical JSON at native speed for plain values (straight from `JSON.parse`,
// or values of the model whose integral floats are safe integers): a copy with
// keys inserted in code-point order, which `JSON.stringify` then writes
// byte-identically to `canonicalJson`. Anything it would write differently or
// may have read inexactly (integer-like keys, which objects reorder; integers
// beyond 2^53, bigints; numbers Python writes in exponent form; non-finite
// numbers; dates) makes the copy refuse, and the caller falls back to
// `canonicalJson`'s own writer. Lone surrogates are caught on the written text
// (see `hasEscapedSurrogate`).

import {compareCodePoints} from '../python/semantics.js';
import {PyFloat} from '../python/values.js';

/** Returned when a value has no plain-and-native canonical form. */
export const NOT_PLAIN: unique symbol = Symbol('not plain');

/** A copy whose `JSON.stringify` text is the canonical JSON, or `NOT_PLAIN`. */
export function sortedPlainCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return plainNumber(value) ? value : NOT_PLAIN;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return plainArray(value);
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype) return plainObject(value as Record<string, unknown>);
      // An integral float (`1.0`) is written as the integer, within the range where JavaScript writes every digit.
      if (prototype === PyFloat.prototype && Number.isSafeInteger((value as PyFloat).value)) return (value as PyFloat).value;
      return NOT_PLAIN;
    }
    default:
      return NOT_PLAIN;
  }
}

/** The canonical JSON of `value` at native speed, or null when only `canonicalJson` writes it exactly (or refuses it). */
export function plainCanonicalJson(value: unknown): string | null {
  const copy = sortedPlainCopy(value);
  if (copy === NOT_PLAIN) return null;
  const text = JSON.stringify(copy);
  return hasEscapedSurrogate(text) ? null : text;
}

/** Keys in code-point order, or null when a copy would not keep them so (integer-like keys) or at all (`__proto__`). */
export function sortedPlainKeys(object: object): string[] | null {
  const keys = Object.keys(object);
  return orderKeys(keys) === REFUSED ? null : keys;
}

const REFUSED = 0;
const IN_ORDER = 1;
const REORDERED = 2;

/**
 * Sorts `keys` in place by code point; REFUSED when an object would not keep
 * that order (integer-like keys) or the key at all (`__proto__`). Already
 * sorted keys (common in nested values) are only scanned.
 */
function orderKeys(keys: string[]): typeof REFUSED | typeof IN_ORDER | typeof REORDERED {
  let high = false;
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const first = key.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || key === '__proto__') return REFUSED;
    if (!high) for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) >= 0xd800) high = true;
    if (sorted && i > 0 && keys[i - 1] > key) sorted = false;
  }
  // Above U+D7FF code-unit order and code-point order part: the scan's verdict only holds below.
  if (high) {
    keys.sort(compareCodePoints);
    return REORDERED;
  }
  if (sorted) return IN_ORDER;
  keys.sort();
  return REORDERED;
}

/** JSON.stringify escapes a lone surrogate where Python's encoder fails: such text needs the exact path. */
export function hasEscapedSurrogate(text: string): boolean {
  return text.includes('\\ud');
}

function plainNumber(value: number): boolean {
  // Beyond 2^53 JSON.parse may have rounded an integer Python keeps exact.
  if (Number.isInteger(value)) return Number.isSafeInteger(value);
  // Python writes non-integral floats below 1e-4 in exponent form, JavaScript from 1e-7 (and both reject non-finite).
  return Number.isFinite(value) && Math.abs(value) >= 1e-4;
}

/** Arrays and objects whose contents need no change are returned as they are, not copied. */
function plainArray(items: unknown[]): unknown {
  let copy: unknown[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = sortedPlainCopy(items[i]);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== items[i]) {
      copy ??= items.slice(0, i);
      copy[i] = item;
    } else if (copy !== null) {
      copy[i] = item;
    }
  }
  return copy ?? items;
}

function plainObject(object: Record<string, unknown>): unknown {
  const keys = Object.keys(object);
  const order = orderKeys(keys);
  if (order === REFUSED) return NOT_PLAIN;
  let changed = order === REORDERED;
  const values = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const value = object[keys[i]];
    const item = sortedPlainCopy(value);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== value) changed = true;
    values[i] = item;
  }
  if (!changed) return object;
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) copy[keys[i]] = values[i];
  return copy;
}
