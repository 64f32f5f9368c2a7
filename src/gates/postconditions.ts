// Postcondition gate: `output_schema_valid` is the only supported name.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {GovernanceViolationError} from '../errors.js';
import {pyStr} from '../python/repr.js';
import {pyIterate} from '../python/semantics.js';
import {dictGetOr, isDict, type PyDict, type PyValue, pyTypeName} from '../python/values.js';

export function validatePostconditions(policy: PyDict, schemaValid: boolean, observer: EnforcementObserver | null = null): PyValue[] {
  const post = dictGetOr(policy, 'post_conditions', {});
  if (!isDict(post)) throw new TypeError(`'${pyTypeName(post)}' object has no attribute 'get'`);
  const required = dictGetOr(post, 'required', []);
  const satisfied: PyValue[] = [];
  for (const name of pyIterate(required)) {
    observer?.postcondition(name);
    if (name === 'output_schema_valid') {
      if (!schemaValid) {
        throw new GovernanceViolationError(
          "Postcondition 'output_schema_valid' requires output_schema validation",
          {postcondition: name},
          'POSTCONDITION_FAILED',
        );
      }
      satisfied.push(name);
      continue;
    }
    throw new GovernanceViolationError(
      `Unsupported postcondition: ${pyStr(name)}`,
      {postcondition: name},
      'UNSUPPORTED_POSTCONDITION',
    );
  }
  return satisfied;
}
