import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {PreconditionError} from '../../src/errors.js';
import {validatePreconditions} from '../../src/gates/preconditions.js';
import {readYaml} from '../../src/policy/yaml.js';
import type {PyDict} from '../../src/python/values.js';

const policy = (yaml: string) => readYaml(yaml).value as PyDict;

describe('validatePreconditions', () => {
  it('checks integer keys written in YAML in numeric order, and never finds them in a JSON context', () => {
    const required = policy('pre_conditions:\n  required:\n    10: {}\n    2: {}\n');
    const context = parseJson('{"2": true, "10": true}') as PyDict;
    expect(() => validatePreconditions(context, required)).toThrow(
      new PreconditionError('Missing required precondition: 2', {precondition: 2}),
    );
  });

  it('checks string keys in code point order', () => {
    const required = policy('pre_conditions:\n  required:\n    b: {}\n    B: {}\n    _: {}\n');
    expect(validatePreconditions({b: 1, B: 1, _: 1}, required)).toEqual(['B', '_', 'b']);
  });
});
