// Policy activity window (`effective_date` / `expiration_date`), both bounds
// inclusive, checked against an injectable calendar day.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {PolicyValidationError} from '../errors.js';
import {isoDate, pyRepr, pyStr} from '../python/repr.js';
import {dictGet, PyDate, PyDateTime, type PyDict, type PyValue, pyTypeName} from '../python/values.js';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The UTC calendar day of an instant given in epoch seconds. */
export function utcDay(epochSeconds: number): CalendarDay {
  const date = new Date(epochSeconds * 1000);
  return {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()};
}

export interface DateEvidence {
  policy_dates?: 'none_specified';
  evaluation_date?: string;
  active: true;
  effective_date?: string;
  expiration_date?: string;
}

/** Checks the policy is active on `today`; returns the reference's evidence or throws. `observer` is told where today fell, naming the policy `policyPath`. */
export function validatePolicyDates(
  policy: PyDict,
  today: () => CalendarDay,
  observer: EnforcementObserver | null = null,
  policyPath = '',
): DateEvidence {
  const effective = parseDate(dictGet(policy, 'effective_date'), 'invalid-effective-date');
  const expiration = parseDate(dictGet(policy, 'expiration_date'), 'invalid-expiration-date');
  if (!effective && !expiration) return {policy_dates: 'none_specified', active: true};
  if (effective && expiration && compareDays(effective, expiration) > 0) {
    throw new PolicyValidationError('Policy effective_date is after expiration_date', {
      effective_date: isoDate(effective),
      expiration_date: isoDate(expiration),
    }, {reason: 'date-order'});
  }
  const now = today();
  const evidence: DateEvidence = {evaluation_date: isoDate(now), active: true};
  if (effective) {
    evidence.effective_date = isoDate(effective);
    if (compareDays(now, effective) < 0) {
      observer?.dateWindow(policyPath, 'not_yet_active');
      throw new PolicyValidationError(
        `Policy not yet active: effective_date is ${isoDate(effective)}, today is ${isoDate(now)}`,
        {effective_date: isoDate(effective), today: isoDate(now)},
        {reason: 'not-yet-active'},
      );
    }
  }
  if (expiration) {
    evidence.expiration_date = isoDate(expiration);
    if (compareDays(now, expiration) > 0) {
      observer?.dateWindow(policyPath, 'expired');
      throw new PolicyValidationError(
        `Policy expired: expiration_date is ${isoDate(expiration)}, today is ${isoDate(now)}`,
        {expiration_date: isoDate(expiration), today: isoDate(now)},
        {reason: 'expired'},
      );
    }
  }
  observer?.dateWindow(policyPath, 'active');
  return evidence;
}

export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function parseDate(value: PyValue | undefined, reason: 'invalid-effective-date' | 'invalid-expiration-date'): CalendarDay | null {
  if (value === undefined || value === null) return null;
  if (value instanceof PyDate || value instanceof PyDateTime) return value;
  if (typeof value === 'string') {
    const day = fromIsoFormat(value);
    if (!day) {
      throw new PolicyValidationError(`Invalid date format: ${pyRepr(value)}; expected YYYY-MM-DD`, {value}, {reason});
    }
    return day;
  }
  throw new PolicyValidationError(`Invalid date type: ${pyTypeName(value)}; expected string or date`, {value: pyStr(value)}, {reason});
}

/** Python 3.11 `date.fromisoformat`: `YYYY-MM-DD`, `YYYYMMDD` and ISO week dates. */
export function fromIsoFormat(text: string): CalendarDay | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})-W(\d{2})(?:-(\d))?$/.exec(text) ?? /^(\d{4})W(\d{2})(\d)?$/.exec(text);
  if (match) return isoWeekDay(Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3]));
  return null;
}

function validDay(year: number, month: number, day: number): CalendarDay | null {
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const limit = month === 2 ? (isLeapYear(year) ? 29 : 28) : daysInMonth;
  return day <= limit ? {year, month, day} : null;
}

const DAY_MS = 86_400_000;

/** Epoch milliseconds of a proleptic Gregorian day (years below 100 included, unlike `Date.UTC`). */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** ISO years with 53 weeks start on a Thursday, or on a Wednesday in a leap year. */
function hasWeek53(year: number): boolean {
  const januaryFirst = new Date(utcMidnight(year, 1, 1)).getUTCDay();
  return januaryFirst === 4 || (januaryFirst === 3 && isLeapYear(year));
}

function isoWeekDay(year: number, week: number, weekday: number): CalendarDay | null {
  if (year < 1 || week < 1 || week > 53 || weekday < 1 || weekday > 7) return null;
  if (week === 53 && !hasWeek53(year)) return null;
  const januaryFourth = utcMidnight(year, 1, 4);
  const weekOneMonday = januaryFourth - ((new Date(januaryFourth).getUTCDay() + 6) % 7) * DAY_MS;
  const date = new Date(weekOneMonday + ((week - 1) * 7 + weekday - 1) * DAY_MS);
  const day = {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()};
  return day.year >= 1 && day.year <= 9999 ? day : null;
}
