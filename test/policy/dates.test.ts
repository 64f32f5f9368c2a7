// Policy activity dates (reference-policy-layer.md §3): both bounds inclusive,
// effective > expiration refused before the day is consulted, strings parsed
// as Python 3.11 `date.fromisoformat`, YAML date objects used as they are.
// One injected day applies to the whole extends chain (the recordings pin the
// reference's `date.today()` to the same day for every level).

import {describe, expect, it} from 'vitest';
import {PolicyValidationError} from '../../src/errors.js';
import {validatePolicyDates} from '../../src/policy/dates.js';
import {readYaml} from '../../src/policy/yaml.js';
import {pyRepr} from '../../src/python/repr.js';
import type {PyDict} from '../../src/python/values.js';
import {calendarDay, outcomeOf, readCases, recorded, replay} from './reference-cases.js';

describe('loading a dated policy matches the reference on and around the boundaries', () => {
  const cases = readCases('dates');

  it.each(cases.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('validatePolicyDates agrees with the reference’s validate_policy_dates', () => {
  const checks = readCases('date-checks') as unknown as {yaml: string; today: string; result?: string}[];

  it.each(checks.map((check) => [`${JSON.stringify(check.yaml)} on ${check.today}`, check] as const))('%s', (_name, check) => {
    const policy = readYaml(check.yaml).value as PyDict;
    const actual = outcomeOf(() => validatePolicyDates(policy, () => calendarDay(check.today)) as unknown as PyDict, '/nonexistent-root');
    expect(actual).toEqual(recorded(check as never));
  });

  it('does not consult the day when no date is set, nor when effective is after expiration', () => {
    const noDay = () => {
      throw new Error('the day was consulted');
    };
    expect(pyRepr(validatePolicyDates({} as PyDict, noDay) as unknown as PyDict)).toBe("{'policy_dates': 'none_specified', 'active': True}");
    expect(() => validatePolicyDates({effective_date: '2025-02-01', expiration_date: '2025-01-31'}, noDay)).toThrow(
      PolicyValidationError,
    );
  });
});
