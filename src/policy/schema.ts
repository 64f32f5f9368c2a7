// Validation of a policy document against the policy DSL schema (Draft-07),
// reporting as the reference does: every error collected, sorted by pointer,
// the first one raised. Ajv's compiled validator (generated ahead of time
// from schemas/policy_dsl.schema.json) decides validity; only a policy it
// refuses is walked again by the python-jsonschema emulation, which words and
// orders the errors as the reference does and has the last word (Python's
// regex `\d` and `$` accept a little more than JavaScript's).

import {PolicyValidationError} from '../errors.js';
import {compileSchema, firstBySortedPointer, type SchemaError} from '../jsonschema/index.js';
import {type PyDict, type PyValue, toPlain} from '../python/values.js';
import {readShippedSchema, shippedSchemaPath} from '../schemas.js';
import validatePolicyDocument from './policy-schema.generated.js';

let compiled: ReturnType<typeof compileSchema> | undefined;

function policySchema(): ReturnType<typeof compileSchema> {
  compiled ??= compileSchema(readShippedSchema('policy') as PyValue, {defaultDraft: 'draft7', trusted: true});
  return compiled;
}

/** Every schema error of a policy document, in the reference's validator order. */
export function policySchemaErrors(policy: PyValue): SchemaError[] {
  if ((validatePolicyDocument as (data: unknown) => boolean)(toPlain(policy))) return [];
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
  }, {reason: 'schema-violation'});
}
