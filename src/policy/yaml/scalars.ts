// YAML 1.1 scalars as PyYAML's SafeConstructor builds them: the implicit
// resolver (which tag a plain scalar gets) and the constructors for the
// scalar tags. Constructors throw `ScalarValueError` with Python's message.

import {strRepr} from '../../python/repr.js';
import {asciiNumberText} from '../../python/unicode.js';
import {PyDate, PyDateTime, type PyFloat, type PyValue, pyFloat} from '../../python/values.js';

export const TAG_PREFIX = 'tag:yaml.org,2002:';
export const STR_TAG = `${TAG_PREFIX}str`;
export const NULL_TAG = `${TAG_PREFIX}null`;
export const BOOL_TAG = `${TAG_PREFIX}bool`;
export const INT_TAG = `${TAG_PREFIX}int`;
export const FLOAT_TAG = `${TAG_PREFIX}float`;
export const TIMESTAMP_TAG = `${TAG_PREFIX}timestamp`;
export const MERGE_TAG = `${TAG_PREFIX}merge`;
export const VALUE_TAG = `${TAG_PREFIX}value`;

/** The scalar tags safe_load constructs (`!!binary` aside, which has no equivalent here). */
export const SCALAR_TAGS: ReadonlySet<string> = new Set([STR_TAG, NULL_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, TIMESTAMP_TAG]);

/** A scalar its tag cannot represent; PyYAML raises ValueError/KeyError here. */
export class ScalarValueError extends Error {}

// PyYAML's resolver patterns, in its order of precedence.
const IMPLICIT_RESOLVERS: [tag: string, pattern: RegExp][] = [
  [BOOL_TAG, /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    FLOAT_TAG,
    /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  [INT_TAG, /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  [MERGE_TAG, /^<<$/],
  [NULL_TAG, /^(?:~|null|Null|NULL|)$/],
  [
    TIMESTAMP_TAG,
    /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  ],
  [VALUE_TAG, /^=$/],
];

/** Python's `re.match(...$)`: `$` also matches before one final newline. */
function pythonFullMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  return pattern.exec(text) ?? (text.endsWith('\n') ? pattern.exec(text.slice(0, -1)) : null);
}

/** The tag PyYAML's resolver gives an untagged plain scalar (or one tagged `!`). */
export function implicitTag(text: string): string {
  for (const [tag, pattern] of IMPLICIT_RESOLVERS) {
    if (pythonFullMatch(pattern, text)) return tag;
  }
  return STR_TAG;
}

const BOOL_VALUES: Record<string, boolean> = {yes: true, no: false, true: true, false: false, on: true, off: false};

export function constructBool(text: string): boolean {
  const value = BOOL_VALUES[text.toLowerCase()];
  if (value === undefined) throw new ScalarValueError(`not a YAML boolean: '${text}'`);
  return value;
}

export function constructInt(text: string): number | bigint {
  let digits = text.replaceAll('_', '');
  if (digits === '') throw new ScalarValueError('string index out of range');
  const negative = digits[0] === '-';
  if (digits[0] === '-' || digits[0] === '+') digits = digits.slice(1);
  let magnitude: bigint;
  if (digits === '0') magnitude = 0n;
  else if (digits.startsWith('0b')) magnitude = pythonInt(digits.slice(2), 2);
  else if (digits.startsWith('0x')) magnitude = pythonInt(digits.slice(2), 16);
  else if (digits[0] === '0') magnitude = pythonInt(digits, 8);
  else if (digits.includes(':')) magnitude = sexagesimalInt(digits.split(':').map((part) => pythonInt(part, 10)));
  else magnitude = pythonInt(digits, 10);
  return intValue(negative ? -magnitude : magnitude);
}

/** Python int: a JS number when exact, a bigint beyond 2^53. */
function intValue(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

/** `1:20:30` is 1*3600 + 20*60 + 30, summed from the last part as PyYAML does. */
function sexagesimalInt(parts: bigint[]): bigint {
  let total = 0n;
  let base = 1n;
  for (const part of parts.reverse()) {
    total += part * base;
    base *= 60n;
  }
  return total;
}

function sexagesimalFloat(parts: number[]): number {
  let total = 0;
  let base = 1;
  for (const part of parts.reverse()) {
    total += part * base;
    base *= 60;
  }
  return total;
}

const PREFIXES: Record<number, string> = {2: '0b', 8: '0o', 16: '0x'};
const DIGITS: Record<number, RegExp> = {2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-f]+$/i};

/** Python `int(text, base)` for the shapes YAML hands it (whitespace, sign, base prefix, Unicode digits). */
function pythonInt(text: string, base: number): bigint {
  const ascii = asciiNumberText(text);
  if (ascii === null) throw new ScalarValueError(`invalid literal for int() with base ${base}: ${strRepr(text)}`);
  let body = ascii;
  const negative = body.startsWith('-');
  if (body.startsWith('-') || body.startsWith('+')) body = body.slice(1);
  const prefix = PREFIXES[base] ?? '';
  if (prefix && body.toLowerCase().startsWith(prefix)) body = body.slice(2);
  if (!DIGITS[base].test(body)) {
    throw new ScalarValueError(`invalid literal for int() with base ${base}: ${strRepr(text)}`);
  }
  const magnitude = BigInt(`${prefix}${body}`);
  return negative ? -magnitude : magnitude;
}

export function constructFloat(text: string): number | PyFloat {
  let body = text.replaceAll('_', '').toLowerCase();
  const sign = body[0] === '-' ? -1 : 1;
  if (body[0] === '-' || body[0] === '+') body = body.slice(1);
  let value: number;
  if (body === '.inf') value = sign * Number.POSITIVE_INFINITY;
  else if (body === '.nan') value = Number.NaN;
  else if (body.includes(':')) value = sign * sexagesimalFloat(body.split(':').map(pythonFloat));
  else value = sign * pythonFloat(body);
  return pyFloat(value);
}

const FLOAT_TEXT = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf|infinity|nan)$/i;

/** Python `float(text)` (Unicode digits and spaces included). */
function pythonFloat(text: string): number {
  const body = asciiNumberText(text);
  if (body === null || !FLOAT_TEXT.test(body)) throw new ScalarValueError(`could not convert string to float: ${strRepr(text)}`);
  const lower = body.toLowerCase().replace(/^[-+]/, '');
  if (lower.startsWith('inf')) return body.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  return Number(body);
}

const TIMESTAMP_PARTS =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

export function constructTimestamp(text: string): PyDate | PyDateTime {
  const match = pythonFullMatch(TIMESTAMP_PARTS, text);
  if (!match) throw new ScalarValueError(`not a YAML timestamp: '${text}'`);
  const [, year, month, day, hour, minute, second, fraction, zone, zoneSign, zoneHour, zoneMinute] = match;
  const date = {year: Number(year), month: Number(month), day: Number(day)};
  if (!hour) {
    checkDate(date.year, date.month, date.day);
    return new PyDate(date.year, date.month, date.day);
  }
  let offsetMinutes: number | null = null;
  if (zoneSign) {
    const minutes = Number(zoneHour) * 60 + Number(zoneMinute ?? 0);
    offsetMinutes = zoneSign === '-' ? -minutes : minutes;
    checkOffset(offsetMinutes);
  } else if (zone) {
    offsetMinutes = 0;
  }
  const microsecond = fraction ? Number(fraction.slice(0, 6).padEnd(6, '0')) : 0;
  checkDate(date.year, date.month, date.day);
  checkRange('hour', Number(hour), 23);
  checkRange('minute', Number(minute), 59);
  checkRange('second', Number(second), 59);
  return new PyDateTime(
    date.year,
    date.month,
    date.day,
    Number(hour),
    Number(minute),
    Number(second),
    microsecond,
    offsetMinutes,
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Python `datetime.date` argument checks, with its messages. */
function checkDate(year: number, month: number, day: number): void {
  if (year < 1) throw new ScalarValueError(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw new ScalarValueError('month must be in 1..12');
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (day < 1 || day > days) throw new ScalarValueError('day is out of range for month');
}

function checkRange(field: string, value: number, max: number): void {
  if (value > max) throw new ScalarValueError(`${field} must be in 0..${max}`);
}

/** Python `datetime.timezone(delta)` accepts offsets strictly inside ±24 hours. */
function checkOffset(minutes: number): void {
  if (Math.abs(minutes) < 24 * 60) return;
  throw new ScalarValueError(
    `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${timedeltaRepr(minutes * 60)}.`,
  );
}

function timedeltaRepr(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86400);
  const seconds = totalSeconds - days * 86400;
  const parts: string[] = [];
  if (days) parts.push(`days=${days}`);
  if (seconds) parts.push(`seconds=${seconds}`);
  return `datetime.timedelta(${parts.join(', ') || '0'})`;
}

/** Constructs a scalar for one of the scalar tags safe_load knows; `undefined` for any other tag. */
export function constructScalarForTag(tag: string, text: string): PyValue | undefined {
  switch (tag) {
    case STR_TAG:
      return text;
    case NULL_TAG:
      return null;
    case BOOL_TAG:
      return constructBool(text);
    case INT_TAG:
      return constructInt(text);
    case FLOAT_TAG:
      return constructFloat(text);
    case TIMESTAMP_TAG:
      return constructTimestamp(text);
    default:
      return undefined;
  }
}

const HIGH_SURROGATE = (code: number) => code >= 0xd800 && code <= 0xdbff;
const LOW_SURROGATE = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const ESCAPE_DIGITS: Record<string, number> = {x: 2, u: 4, U: 8};

/**
 * The first pair of escapes in a double-quoted scalar's source that spells a
 * high then a low surrogate (`"\ud83d\ude00"`), or null. PyYAML keeps them as
 * two lone surrogates, a string JavaScript cannot hold apart from the one
 * character they would pair into.
 */
export function escapedSurrogatePair(source: string): string | null {
  let pendingHigh: string | null = null;
  let index = 0;
  while (index < source.length) {
    if (source[index] !== '\\') {
      pendingHigh = null;
      index++;
      continue;
    }
    const letter = source[index + 1] ?? '';
    const digits = ESCAPE_DIGITS[letter];
    if (digits === undefined) {
      // An escaped line break (and the indentation after it) adds nothing between two escapes.
      const lineBreak = /^\\(?:\r\n|\r|\n)[ \t]*/.exec(source.slice(index, index + 2 + 256));
      if (!lineBreak) pendingHigh = null;
      index += lineBreak ? lineBreak[0].length : 2;
      continue;
    }
    const spelled = source.slice(index, index + 2 + digits);
    const code = Number.parseInt(spelled.slice(2), 16);
    if (pendingHigh !== null && LOW_SURROGATE(code)) return pendingHigh + spelled;
    pendingHigh = HIGH_SURROGATE(code) ? spelled : null;
    index += spelled.length;
  }
  return null;
}
