import {describe, expect, it} from 'vitest';
import {parseNow} from '../../src/cli/clock.js';
import {CliError, ExitCode} from '../../src/cli/exit-codes.js';
import {thrownBy} from '../thrown.js';

const refusal = (value: string) => thrownBy(CliError, () => parseNow(value));

describe('--now', () => {
  it('takes epoch seconds and ISO-8601 instants', () => {
    expect(parseNow(undefined)).toBeUndefined();
    expect(parseNow('1700000000')).toBe(1700000000);
    expect(parseNow('2026-01-01T00:00:00Z')).toBe(1767225600);
  });

  it('reads an ISO time without an offset as UTC, whatever the TZ', () => {
    expect(parseNow('2023-11-15T00:30:00')).toBe(parseNow('2023-11-15T00:30:00Z'));
  });

  it('refuses a date that does not exist as a usage error', () => {
    expect(refusal('2023-02-30T00:00:00Z').exitCode).toBe(ExitCode.Usage);
  });

  it('refuses an instant beyond the year 9999 rather than passing every date check', () => {
    const error = refusal('99999999999999');
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toContain("got '99999999999999'");
  });
});
