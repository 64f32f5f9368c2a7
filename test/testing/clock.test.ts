import {describe, expect, it} from 'vitest';
import {PyFloat} from '../../src/python/values.js';
import {epochSecondsOf, MAX_EPOCH_SECONDS, MIN_EPOCH_SECONDS} from '../../src/testing/clock.js';

describe('epochSecondsOf', () => {
  it('takes epoch seconds as they are', () => {
    expect(epochSecondsOf(1700000000)).toBe(1700000000);
    expect(epochSecondsOf(1700000000.5)).toBe(1700000000.5);
  });

  it('takes epoch seconds read as a float (1700000000.0) or a big integer', () => {
    expect(epochSecondsOf(new PyFloat(1700000000))).toBe(1700000000);
    expect(epochSecondsOf(1700000000n)).toBe(1700000000);
    expect(epochSecondsOf(10n ** 30n)).toBeUndefined();
  });

  it('reads ISO-8601 instants, UTC when no offset is given', () => {
    expect(epochSecondsOf('2026-01-01T00:00:00Z')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01T00:00:00')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01T02:00:00+02:00')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01 01:00:00+0100')).toBe(1767225600);
    expect(epochSecondsOf('2025-12-31T19:00-05')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01T00:00:00.25Z')).toBe(1767225600.25);
  });

  it('reads instants far from 1970 without two-digit-year surprises', () => {
    expect(epochSecondsOf('0001-01-01T00:00:00Z')).toBe(MIN_EPOCH_SECONDS);
    expect(epochSecondsOf('0050-03-01')).toBe(-60584198400);
    expect(epochSecondsOf('9999-12-31T23:59:59Z')).toBe(MAX_EPOCH_SECONDS);
    expect(epochSecondsOf('2024-02-29')).toBe(1709164800);
  });

  it('refuses text that is no instant', () => {
    expect(epochSecondsOf('tomorrow')).toBeUndefined();
    expect(epochSecondsOf('2026-13-45')).toBeUndefined();
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    expect(epochSecondsOf('2023-02-30T00:00:00Z')).toBeUndefined();
    expect(epochSecondsOf('2023-02-29')).toBeUndefined();
    expect(epochSecondsOf('2026-01-01T24:00:00Z')).toBeUndefined();
    expect(epochSecondsOf('2026-01-01T10:60:00Z')).toBeUndefined();
    expect(epochSecondsOf('2026-01-01T10:00:00+24:00')).toBeUndefined();
  });

  it('refuses instants outside the years 1 to 9999', () => {
    expect(epochSecondsOf(99999999999999)).toBeUndefined();
    expect(epochSecondsOf(MAX_EPOCH_SECONDS + 1)).toBeUndefined();
    expect(epochSecondsOf(MIN_EPOCH_SECONDS - 1)).toBeUndefined();
    expect(epochSecondsOf(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(epochSecondsOf('9999-12-31T23:59:59-01:00')).toBeUndefined();
  });
});
