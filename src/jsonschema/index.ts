// JSON Schema validation that reports errors exactly as python-jsonschema 4.26
// does (messages, order, `best_match`), for policy files, output schemas and
// typed preconditions. `compileSchema` once, then `iterErrors` per instance;
// `validate` is `jsonschema.validate` (check, then best match).

import type {PyValue} from '../python/values.js';
import {bestMatch} from './best-match.js';
import {compileSchema} from './compile.js';
import type {Draft} from './drafts.js';
import type {SchemaError} from './errors.js';

export {bestMatch, firstBySortedPointer, mostRelevant} from './best-match.js';
export {type CompiledSchema, type CompileOptions, compileSchema} from './compile.js';
export {type Draft, draftOf} from './drafts.js';
export {InvalidSchemaError, type InvalidSchemaReason, type PathSegment, pathToPointer, type SchemaError} from './errors.js';

/**
 * `jsonschema.validate(instance, schema)`: the best-matching error, or
 * undefined when valid. Throws `InvalidSchemaError` for an unusable schema.
 */
export function validate(instance: PyValue, schema: PyValue, defaultDraft: Draft = 'draft2020'): SchemaError | undefined {
  return bestMatch(compileSchema(schema, {defaultDraft}).iterErrors(instance));
}
