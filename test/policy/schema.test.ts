// Policy schema validation (reference-policy-layer.md §1.1 step 5, §1.3, §1.4,
// §1.9): every error collected, sorted by pointer as plain strings (stable,
// so the schema's keyword order breaks ties), only the first reported, with
// Python-jsonschema's wording and Python reprs of the offending values.

import {describe, expect, it} from 'vitest';
import {PolicyValidationError} from '../../src/errors.js';
import {assertPolicySchema} from '../../src/policy/schema.js';
import {readYaml} from '../../src/policy/yaml.js';
import type {PyDict} from '../../src/python/values.js';
import {readCases, recorded, replay} from './reference-cases.js';

describe('schema errors are chosen and worded as the reference does', () => {
  const cases = readCases('schema');

  it('covers the spec’s schema examples', () => {
    const messages = cases.map((policyCase) => policyCase.message ?? '');
    for (const expected of [
      "$.policy_version: 1.0 is not of type 'string'",
      "$.effective_date: datetime.date(2020, 1, 1) is not of type 'string'",
      "$.roles.0: True is not of type 'string'",
      '$: Additional properties are not allowed (1 was unexpected)',
      "Additional properties are not allowed ('bar', 'foo' were unexpected)",
      '$.roles.10: 11 is not of type',
    ]) {
      expect(messages.some((message) => message.includes(expected)), expected).toBe(true);
    }
  });

  it.each(cases.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('the first error by sorted pointer is stable', () => {
  const policy = readYaml('policy_version: 1\nroles: [1, 2]\nfoo: 1\nbar: 2\n').value as PyDict;

  function firstError(): PolicyValidationError {
    try {
      assertPolicySchema(policy, 'p.yaml');
    } catch (error) {
      return error as PolicyValidationError;
    }
    throw new Error('valid');
  }

  it('reports the same error on every run', () => {
    const first = firstError();
    expect(first).toBeInstanceOf(PolicyValidationError);
    for (let run = 0; run < 5; run++) expect(firstError()).toMatchObject({message: first.message, details: first.details});
    expect(first.details).toMatchObject({path: '$', validator: 'additionalProperties', policy_file: 'p.yaml'});
  });
});
