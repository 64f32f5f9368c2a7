// Python's `repr()` and `str()` for the value model, as they appear inside the
// reference's messages (`['admin']`, `True`, `1.0`, `datetime.date(2020, 1, 1)`).

import {isPrintable} from './unicode/classes.js';
import {isDict, isInt, originalKey, PyDate, PyDateTime, PyFloat, type PyValue, pyKeys} from './values.js';

/** Python `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const pointPosition = Number(exponentText) + 1;
  if (pointPosition > 16 || pointPosition <= -4) {
    const exponent = pointPosition - 1;
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && !isPrintable(char.codePointAt(0)!)) out += escapeCodePoint(char.codePointAt(0)!);
    else out += char;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python `repr()` of any value of the model. */
export function pyRepr(value: PyValue | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return strRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'number') return isInt(value) ? String(value) : floatRepr(value);
  if (value instanceof PyDateTime) return dateTimeRepr(value);
  if (value instanceof PyDate) return `datetime.date(${value.year}, ${value.month}, ${value.day})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) {
    const items = pyKeys(value).map((key) => `${pyRepr(originalKey(value, key))}: ${pyRepr(value[key])}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

function dateTimeRepr(value: PyDateTime): string {
  const parts = [value.year, value.month, value.day, value.hour, value.minute];
  if (value.second || value.microsecond) parts.push(value.second);
  if (value.microsecond) parts.push(value.microsecond);
  let tz = '';
  if (value.utcOffsetMinutes !== null) {
    tz =
      value.utcOffsetMinutes === 0
        ? ', tzinfo=datetime.timezone.utc'
        : `, tzinfo=datetime.timezone(${timedeltaRepr(value.utcOffsetMinutes)})`;
  }
  return `datetime.datetime(${parts.join(', ')}${tz})`;
}

function timedeltaRepr(minutes: number): string {
  const seconds = minutes * 60;
  if (seconds >= 0) return `datetime.timedelta(seconds=${seconds})`;
  const days = Math.floor(seconds / 86400);
  return `datetime.timedelta(days=${days}, seconds=${seconds - days * 86400})`;
}

/** Python `str()`: the text itself for strings, `repr` otherwise. */
export function pyStr(value: PyValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyDate) return isoDate(value);
  return pyRepr(value);
}

/** `date.isoformat()` */
export function isoDate(date: {year: number; month: number; day: number}): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
