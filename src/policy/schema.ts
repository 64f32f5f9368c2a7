// Validation of a policy document against the policy DSL schema (Draft-07),
// reporting as the reference does: every error collected, sorted by pointer,
// the first one raised.

import {PolicyValidationError} from '../errors.js';
import {compileSchema, firstBySortedPointer, type SchemaError} from '../jsonschema/index.js';
import type {PyDict, PyValue} from '../python/values.js';
import {readShippedSchema, shippedSchemaPath} from '../schemas.js';

let compiled: ReturnType<typeof compileSchema> | undefined;

function policySchema(): ReturnType<typeof compileSchema> {
  compiled ??= compileSchema(readShippedSchema('policy') as PyValue, {defaultDraft: 'draft7'});
  return compiled;
}

/** Every schema error of a policy document, in the validator's order. */
export function policySchemaErrors(policy: PyValue): SchemaError[] {
  return policySchema().iterErrors(policy);
}

/** Throws the reference's PolicyValidationError for the first error by sorted pointer. */
export function assertPolicySchema(policy: PyDict, policyFile: string): void {
  const first = firstBySortedPointer(policySchemaErrors(policy));
  if (!first) return;
  throw new PolicyValidationError(`Policy schema validation failed at ${first.pointer}: ${first.message}`, {
    policy_file: policyFile,
    schema_path: shippedSchemaPath('policy'),
    path: first.pointer,
    validator: first.validator,
  });
}
