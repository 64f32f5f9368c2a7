// The value model shared by policies (YAML) and invocations (JSON): plain JSON
// values plus the distinctions Python keeps and JavaScript loses (int vs
// float, exact big integers, YAML dates), so messages and checksums match the
// reference byte for byte.

/** Nesting depth of `withExactNativeJson` calls (0: native JSON writes every float). */
let exactNativeJson = 0;

/**
 * Runs `write` (a native `JSON.stringify`) refusing floats whose native text
 * would not be exact: from 2^53 on, JavaScript's digits (`12345678901234567000`)
 * are not the double's value, which a lossless reader takes for another
 * integer. `write` throws a RangeError then, and the caller writes the value
 * the Python way instead.
 */
export function withExactNativeJson<T>(write: () => T): T {
  exactNativeJson++;
  try {
    return write();
  } finally {
    exactNativeJson--;
  }
}

/**
 * A Python float whose value is integral (`1.0`, `-0.0`, `1e22`). Non-integral
 * and non-finite floats are plain JS numbers; integral JS numbers are Python ints.
 */
export class PyFloat {
  constructor(readonly value: number) {}

  /** Native JSON writes the number (`1`, the same canonical value as Python's `1.0`). */
  toJSON(): number {
    if (exactNativeJson > 0 && Math.abs(this.value) >= 2 ** 53) throw new RangeError('an integral float from 2^53 on has no exact native JSON form');
    return this.value;
  }
}

/** A YAML 1.1 date (`2020-01-01` unquoted): Python `datetime.date`. */
export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}
}

/** A YAML 1.1 timestamp with a time: Python `datetime.datetime`. */
export class PyDateTime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    /** offset from UTC in minutes, or null for a naive datetime */
    readonly utcOffsetMinutes: number | null,
  ) {}
}

export type PyValue = null | boolean | string | number | bigint | PyFloat | PyDate | PyDateTime | PyList | PyDict;
export type PyList = PyValue[];
export interface PyDict {
  [key: string]: PyValue;
}

/**
 * Mapping keys that were not strings in the YAML source (`1: x`, `true: y`).
 * JavaScript objects only have string keys; messages need the original repr.
 */
const originalKeys = new WeakMap<object, Map<string, PyValue>>();

export function recordOriginalKey(dict: PyDict, key: string, original: PyValue): void {
  let keys = originalKeys.get(dict);
  if (!keys) originalKeys.set(dict, (keys = new Map()));
  keys.set(key, original);
}

/** The key as the source wrote it: a string, or the int/bool/... YAML produced. */
export function originalKey(dict: PyDict, key: string): PyValue {
  const keys = originalKeys.get(dict);
  return keys?.has(key) ? (keys.get(key) as PyValue) : key;
}

/** Sets `target[key]` to `value` under the key as `source` wrote it (a copied Python key keeps its type). */
export function defineKeyFrom(target: PyDict, source: PyDict, key: string, value: PyValue): void {
  defineKey(target, key, value);
  const written = originalKey(source, key);
  if (written !== key) recordOriginalKey(target, key, written);
}

export function isDict(value: unknown): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && isPlainObject(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isList(value: unknown): value is PyList {
  return Array.isArray(value);
}

/** Python `int` (bool excluded). */
export function isInt(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value) && !Object.is(value, -0));
}

/** Python `float`. */
export function isFloat(value: unknown): value is number | PyFloat {
  return value instanceof PyFloat || (typeof value === 'number' && !isInt(value));
}

/** Python `int` or `float` (bool excluded). */
export function isNumber(value: unknown): value is number | bigint | PyFloat {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat;
}

/** The numeric value as a double (bool counts as 0/1, like Python arithmetic). */
export function toDouble(value: number | bigint | PyFloat | boolean): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) return value.value;
  return Number(value);
}

/** Makes a Python float from a double, keeping float-ness for integral values. */
export function pyFloat(value: number): number | PyFloat {
  return Number.isInteger(value) || Object.is(value, -0) ? new PyFloat(value) : value;
}

/** Python `type(x).__name__`. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (isInt(value)) return 'int';
  if (isFloat(value)) return 'float';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyDateTime) return 'datetime';
  if (value instanceof PyDate) return 'date';
  return 'dict';
}

/**
 * A plain JavaScript copy for libraries that know only JSON values (Ajv):
 * PyFloat and bigint become numbers; dates stay objects so type checks fail
 * as Python's do.
 */
export function toPlain(value: PyValue): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const key of pyKeys(value)) defineKey(out, key, toPlain(value[key]));
    return out;
  }
  return value;
}

/**
 * Insertion order of mappings holding integer-like keys: a JavaScript object
 * lists `"2"` before `"a"` whatever the order they were set in, while a Python
 * dict keeps insertion order (context truncation, messages and repr see it).
 */
const keyOrders = new WeakMap<object, string[]>();

/** Keys a JavaScript object lists first, in ascending numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

function startsWithDigit(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

/** Whether a JavaScript object lists this key before the others, whatever the order it was set in. */
export function isArrayIndexKey(key: string): boolean {
  return startsWithDigit(key) && ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;
}

/** Sets a key without invoking the `__proto__` setter: data stays data. Keeps Python's insertion order. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  const isNew = !Object.hasOwn(target, key);
  if (isNew) {
    const order = keyOrders.get(target);
    if (order) order.push(key);
    else if (isArrayIndexKey(key)) keyOrders.set(target, [...Object.keys(target), key]);
  }
  if (key === '__proto__') {
    Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
  } else {
    target[key] = value;
  }
}

/**
 * The keys of a mapping in Python's insertion order. Keys set without
 * `defineKey` come last, as keys added later would in Python.
 */
/** A shallow copy keeping Python's key order (and `__proto__` as data). */
export function copyDict(dict: PyDict): PyDict {
  if (!keyOrders.has(dict)) return {...dict};
  const out: PyDict = {};
  for (const key of pyKeys(dict)) defineKey(out, key, dict[key]);
  return out;
}

export function pyKeys(dict: object): string[] {
  const order = keyOrders.get(dict);
  const own = Object.keys(dict);
  if (!order) return own;
  const kept = order.filter((key) => Object.hasOwn(dict, key));
  const listed = new Set(kept);
  return [...kept, ...own.filter((key) => !listed.has(key))];
}

/** Python `copy.deepcopy` for the value model (dates and floats are immutable). */
export function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T;
  if (isDict(value)) {
    const out: PyDict = {};
    for (const key of pyKeys(value)) defineKey(out, key, deepCopy(value[key]));
    const keys = originalKeys.get(value);
    if (keys) originalKeys.set(out, new Map(keys));
    return out as T;
  }
  return value;
}

/** Python `dict.get(key)`: own keys only, `undefined` when absent. */
export function dictGet(dict: PyDict, key: string): PyValue | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}

/** Python `dict.get(key, default)`: the default only when the key is absent; a present `None` stays `null`. */
export function dictGetOr(dict: PyDict, key: string, fallback: PyValue): PyValue {
  return Object.hasOwn(dict, key) ? dict[key] : fallback;
}

export function hasKey(dict: PyDict, key: string): boolean {
  return Object.hasOwn(dict, key);
}
