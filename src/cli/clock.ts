// `--now`: a fixed clock given as epoch seconds or an ISO-8601 instant (its
// help text: NOW_HELP in ./specs/shared.ts).
import {epochSecondsOf} from '../testing/clock.js';
import {usageError} from './exit-codes.js';

/**
 * Parses `--now`; returns epoch seconds (fractions kept), or undefined when not
 * given. A date that does not exist, an unknown offset or an instant outside
 * years 1-9999 is a usage error rather than a clock that passes every date check.
 */
export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const seconds = /^-?\d+(\.\d+)?$/.test(text) ? epochSecondsOf(Number(text)) : epochSecondsOf(text);
  if (seconds !== undefined) return seconds;
  throw usageError(
    `--now must be epoch seconds (1700000000) or an ISO-8601 instant (2026-01-01T00:00:00Z) between the years 1 and 9999, got '${value}'`,
  );
}
