// Output-schema gate: the model output must validate against the effective
// policy's `output_schema` (draft from `$schema`, Draft 2020-12 by default).

import {SchemaValidationError} from '../errors.js';
import {bestMatch, compileSchema} from '../jsonschema/index.js';
import type {PyDict, PyValue} from '../python/values.js';

export function validateOutputSchema(output: PyValue, schema: PyValue): void {
  const error = bestMatch(compileSchema(schema, {defaultDraft: 'draft2020'}).iterErrors(output));
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
