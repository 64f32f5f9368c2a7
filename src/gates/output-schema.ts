// Output-schema gate: the model output must validate against the effective
// policy's `output_schema` (draft from `$schema`, Draft 2020-12 by default).

import type {EnforcementObserver} from '../enforcement-observer.js';
import {SchemaValidationError} from '../errors.js';
import {bestMatch, compileSchema} from '../jsonschema/index.js';
import {RegexBudgetError} from '../python/regex.js';
import type {PyDict, PyValue} from '../python/values.js';

export function validateOutputSchema(output: PyValue, schema: PyValue, observer: EnforcementObserver | null = null): void {
  const validator = compileSchema(schema, {defaultDraft: 'draft2020'});
  let error: ReturnType<typeof bestMatch>;
  try {
    error = bestMatch(validator.iterErrors(output));
  } catch (caught) {
    // A `pattern` or `patternProperties` match past its budget fails the output: closed, never open.
    if (!(caught instanceof RegexBudgetError)) throw caught;
    observer?.outputSchema(false);
    throw new SchemaValidationError(`Output schema validation failed: ${caught.message}`, {validator: 'pattern'});
  }
  observer?.outputSchema(!error);
  if (!error) return;
  throw new SchemaValidationError(`Output schema validation failed at ${error.pointer}: ${error.message}`, {
    path: error.pointer,
    validator: error.validator,
  });
}

/** `"output_schema" in policy` */
export function hasOutputSchema(policy: PyDict): boolean {
  return Object.hasOwn(policy, 'output_schema');
}
