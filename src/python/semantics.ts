// Python equality, truthiness and ordering for the value model, as the
// reference's guards, composition and preconditions use them.

import {isDict, isNumber, originalKey, PyDate, PyDateTime, PyFloat, type PyValue, pyKeys, pyTypeName, toDouble} from './values.js';

/** Python `bool(x)`. */
export function pyTruthy(value: PyValue | undefined): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return pyKeys(value).length > 0;
  return true;
}

function isNumeric(value: PyValue | undefined): value is number | bigint | PyFloat | boolean {
  return typeof value === 'boolean' || isNumber(value);
}

/** Python `a == b` (`True == 1 == 1.0`, dicts order-insensitive, lists by order). */
export function pyEquals(a: PyValue | undefined, b: PyValue | undefined): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') return bigEquals(a, b);
    return toDouble(a) === toDouble(b);
  }
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => pyEquals(item, b[index]));
  }
  if (a instanceof PyDateTime || b instanceof PyDateTime) {
    return a instanceof PyDateTime && b instanceof PyDateTime && JSON.stringify(a) === JSON.stringify(b);
  }
  if (a instanceof PyDate) {
    return b instanceof PyDate && a.year === b.year && a.month === b.month && a.day === b.day;
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const keys = pyKeys(a);
    if (keys.length !== pyKeys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key], b[key]));
  }
  return false;
}

function bigEquals(a: number | bigint | PyFloat | boolean, b: number | bigint | PyFloat | boolean): boolean {
  const toBig = (v: number | bigint | PyFloat | boolean): bigint | null => {
    if (typeof v === 'bigint') return v;
    const d = toDouble(v);
    return Number.isInteger(d) ? BigInt(d) : null;
  };
  const x = toBig(a);
  const y = toBig(b);
  return x !== null && y !== null && x === y;
}

/** Python `x in list` (membership by `==`). */
export function pyContains(list: PyValue[], item: PyValue | undefined): boolean {
  return list.some((element) => pyEquals(element, item));
}

/**
 * Compares strings by Unicode code point, as Python's `sorted()` does
 * (JavaScript's default compares UTF-16 units, which misorders astral
 * characters against U+E000..U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
}

function weight(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Python `sorted(strings)`. */
export function sortedStrings(strings: Iterable<string>): string[] {
  return [...strings].sort(compareCodePoints);
}

/** Python `sorted()` of strings, numbers or bools (mixed kinds raise TypeError as Python does). */
export function pySorted(values: PyValue[]): PyValue[] {
  if (values.length < 2) return [...values];
  const kinds = new Set(values.map((value) => (typeof value === 'string' ? 'str' : isNumeric(value) ? 'number' : 'other')));
  if (kinds.size > 1 || kinds.has('other')) {
    throw new TypeError("'<' not supported between instances of mixed types");
  }
  if (kinds.has('str')) return [...values].sort((a, b) => compareCodePoints(a as string, b as string));
  return [...values].sort((a, b) => toDouble(a as number) - toDouble(b as number));
}

/** Python `set(values)` in first-seen order (hashable values: `1`, `1.0` and `True` are one element). */
export function pyUnique(values: PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const value of values) if (!pyContains(out, value)) out.push(value);
  return out;
}

/** Python iteration of a value: characters of a string, keys of a dict, items of a list. */
export function pyIterate(value: PyValue | undefined): PyValue[] {
  if (typeof value === 'string') return [...value];
  if (Array.isArray(value)) return value;
  if (isDict(value)) return pyKeys(value).map((key) => originalKey(value, key));
  throw new TypeError(`'${pyTypeName(value)}' object is not iterable`);
}
