// python-jsonschema's view of instance values: type checks per draft, the
// `equal` used by enum/const/uniqueItems (bools apart from numbers, `1 == 1.0`),
// numeric comparison that stays exact for big integers, and key membership.

import {isDict, isFloat, isInt, isNumber, originalKey, PyDate, PyDateTime, PyFloat, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import type {Draft} from './drafts.js';
import {InvalidSchemaError} from './errors.js';

export type PyNumber = number | bigint | PyFloat;

/** Python `float.is_integer()` for any float of the model. */
function isIntegralFloat(value: PyValue): boolean {
  if (value instanceof PyFloat) return Number.isFinite(value.value);
  return Object.is(value, -0);
}

/** `TYPE_CHECKER.is_type`; an unknown type name is a schema defect, as `UnknownType` is in Python. */
export function isType(value: PyValue, type: PyValue, draft: Draft): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isDict(value);
    case 'number':
      return isNumber(value);
    case 'integer':
      return isInt(value) || (draft !== 'draft4' && isIntegralFloat(value));
    default:
      throw new InvalidSchemaError(`Unknown type ${JSON.stringify(type)}`, 'unknown-type');
  }
}

/** Whether a dict holds `key` as a string key (YAML may have produced `1` or `True` instead). */
export function hasStringKey(dict: PyDict, key: string): boolean {
  return Object.hasOwn(dict, key) && typeof originalKey(dict, key) === 'string';
}

/** jsonschema's `equal`: strings by value, sequences and mappings structurally, `True != 1`, `1 == 1.0`. */
export function schemaEqual(a: PyValue | undefined, b: PyValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => schemaEqual(item, b[index]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = pyKeys(a);
    return keys.length === pyKeys(b).length && keys.every((key) => Object.hasOwn(b, key) && schemaEqual(a[key], b[key]));
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return false;
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  if (a instanceof PyDateTime && b instanceof PyDateTime) return JSON.stringify(a) === JSON.stringify(b);
  if (a instanceof PyDate && b instanceof PyDate) {
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }
  return false;
}

/** jsonschema's `uniq`: no two elements equal under `schemaEqual`. */
export function allUnique(items: PyValue[]): boolean {
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (schemaEqual(items[i], items[j])) return false;
  }
  return true;
}

/** Python `isinstance(x, float)`. */
export function isFloatValue(value: PyValue): boolean {
  return typeof value !== 'boolean' && isFloat(value);
}

function numberValue(value: PyNumber): number {
  return value instanceof PyFloat ? value.value : Number(value);
}

/** Sign of `a - b` with Python's exact int/float comparison; NaN compares as unordered (returns NaN). */
export function compareNumbers(a: PyNumber, b: PyNumber): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = numberValue(a);
    const y = numberValue(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Math.sign(x - y) || (x === y ? 0 : Number.NaN);
    if (Number.isInteger(x) && Number.isInteger(y)) {
      const bigX = typeof a === 'bigint' ? a : BigInt(x);
      const bigY = typeof b === 'bigint' ? b : BigInt(y);
      return bigX === bigY ? 0 : bigX < bigY ? -1 : 1;
    }
    return Math.sign(x - y);
  }
  const x = numberValue(a);
  const y = numberValue(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x === y ? 0 : x < y ? -1 : 1;
}
