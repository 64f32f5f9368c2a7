// Fixed clocks written in suites, fixtures and `--now`: Unix epoch seconds, or
// an ISO-8601 date or date-time (UTC when no offset is given). An instant must
// exist as written (no 30 February) and fall within Python's datetime range,
// since the reference formats timestamps and dates from it.

import {type PyDate, PyDateTime, toDouble} from '../python/values.js';
import type {FixedClock} from '../types/generated/index.js';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** 0001-01-01T00:00:00Z, the first instant of Python's `datetime`. */
export const MIN_EPOCH_SECONDS = -62_135_596_800;
/** 9999-12-31T23:59:59Z, the last whole second of Python's `datetime`. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

/**
 * Epoch seconds of a fixed clock value, or undefined when it is not an instant
 * in range. Seconds may be written as a float (`1700000000.0`, which
 * JSON Schema counts as an integer) and read as a big integer.
 */
export function epochSecondsOf(value: FixedClock): number | undefined {
  const seconds = typeof value === 'string' ? isoEpochSeconds(value.trim()) : toDouble(value);
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return seconds >= MIN_EPOCH_SECONDS && Math.floor(seconds) <= MAX_EPOCH_SECONDS ? seconds : undefined;
}

function isoEpochSeconds(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  const [fraction, zone] = [match[7], match[8]];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  const localSeconds = daysSinceEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  return localSeconds - offsetMinutes * 60 + (fraction === undefined ? 0 : Number(`0${fraction}`));
}

/** Minutes east of UTC; `Z` or no zone is UTC; undefined for an offset no clock has. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days from 1970-01-01 to a proleptic Gregorian date (any year, no Date two-digit-year quirks). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** A clock function for the engine that always answers the given instant (whole seconds, like the reference's `int(time.time())`). */
export function fixedClock(epochSeconds: number): () => number {
  const seconds = Math.floor(epochSeconds);
  return () => seconds;
}

/** An unquoted YAML timestamp (`now: 2026-01-01T00:00:00Z`) as the ISO text it was written as, which means the same instant. */
export function timestampText(value: PyDate | PyDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
  if (!(value instanceof PyDateTime)) return date;
  const offset = value.utcOffsetMinutes;
  const zone = offset === null ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date}T${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}${zone}`;
}
