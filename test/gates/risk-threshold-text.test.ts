import {describe, expect, it} from 'vitest';
import {PolicyValidationError} from '../../src/errors.js';
import {computeRiskScore} from '../../src/gates/risk.js';

describe('a risk threshold given as text', () => {
  it('reads a numeric string as Python float() does', () => {
    expect(computeRiskScore({context: {}}, {}, {mode: 'strict', threshold: ' 0.5 ', factors: []}).threshold).toBe(0.5);
  });

  it('refuses a long run of digits that is not a number, without backtracking over it', () => {
    const threshold = `${'1'.repeat(300_000)}x`;
    expect(() => computeRiskScore({context: {}}, {}, {mode: 'strict', threshold, factors: []})).toThrow(PolicyValidationError);
  });
});
