// Python's `int(text)`, `float(text)` and `float(value)` as guard literals and
// comparison operands use them: Unicode digits and spaces, underscores between
// digits, `inf`/`nan` spelled any way, and the 4300-digit integer limit.

import {isNumber, type PyValue, toDouble} from '../python/values.js';
import {asciiNumberText} from '../python/unicode.js';

/** Python's default `sys.get_int_max_str_digits()`. */
const MAX_INT_STRING_DIGITS = 4300;

const DIGITS = String.raw`\d(?:_?\d)*`;
const INT_TEXT = new RegExp(`^[+-]?${DIGITS}$`);
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const FLOAT_WORD = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Python raises OverflowError (not ValueError) when an int is too large for a
 * float. The reference does not catch it, so it escapes enforcement unwrapped.
 */
export class FloatOverflowError extends Error {
  static readonly pythonName = 'OverflowError';
  readonly code = 'FLOAT_OVERFLOW';
  constructor() {
    super('int too large to convert to float');
    this.name = 'OverflowError';
  }
}

/** Python `int(text)` in base 10: the int, or null where Python raises ValueError. */
export function parsePyInt(text: string): number | bigint | null {
  const ascii = asciiNumberText(text);
  if (ascii === null || !INT_TEXT.test(ascii)) return null;
  const digits = ascii.replace(/[+_-]/g, '');
  if (digits.length > MAX_INT_STRING_DIGITS) return null;
  const value = BigInt(ascii.replace(/_/g, ''));
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber || 0 : value;
}

/** Python `float(text)`: the double, or null where Python raises ValueError. */
export function parsePyFloat(text: string): number | null {
  const ascii = asciiNumberText(text);
  if (ascii === null) return null;
  const word = FLOAT_WORD.exec(ascii);
  if (word) {
    if (word[2].toLowerCase() === 'nan') return Number.NaN;
    return word[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!FLOAT_TEXT.test(ascii)) return null;
  return Number(ascii.replace(/_/g, ''));
}

/**
 * Python `float(value)` for any value of the model: the double, or null where
 * Python raises ValueError or TypeError (lists, dicts, dates, None, bad text).
 * Throws FloatOverflowError for ints beyond the float range.
 */
export function pyFloatOf(value: PyValue | undefined): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parsePyFloat(value);
  if (typeof value === 'bigint') {
    const asDouble = Number(value);
    if (!Number.isFinite(asDouble)) throw new FloatOverflowError();
    return asDouble;
  }
  if (isNumber(value)) return toDouble(value);
  return null;
}
