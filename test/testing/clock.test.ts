import {describe, expect, it} from 'vitest';
import {epochSecondsOf} from '../../src/testing/clock.js';

describe('epochSecondsOf', () => {
  it('takes epoch seconds as they are', () => {
    expect(epochSecondsOf(1700000000)).toBe(1700000000);
  });

  it('reads ISO-8601 instants, UTC when no offset is given', () => {
    expect(epochSecondsOf('2026-01-01T00:00:00Z')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01T00:00:00')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01T02:00:00+02:00')).toBe(1767225600);
    expect(epochSecondsOf('2026-01-01 01:00:00+0100')).toBe(1767225600);
  });

  it('refuses text that is no instant', () => {
    expect(epochSecondsOf('tomorrow')).toBeUndefined();
    expect(epochSecondsOf('2026-13-45')).toBeUndefined();
  });
});
