// Which JSON Schema draft validates a schema: python-jsonschema's
// `validator_for`, keyed by `$schema` with a caller-chosen default.

import {isDict, type PyValue} from '../python/values.js';
import {InvalidSchemaError} from './errors.js';

export type Draft = 'draft4' | 'draft6' | 'draft7' | 'draft2019' | 'draft2020';

const DRAFT_BY_URI = new Map<string, Draft>([
  ['http://json-schema.org/draft-04/schema', 'draft4'],
  ['http://json-schema.org/draft-06/schema', 'draft6'],
  ['http://json-schema.org/draft-07/schema', 'draft7'],
  ['https://json-schema.org/draft/2019-09/schema', 'draft2019'],
  ['https://json-schema.org/draft/2020-12/schema', 'draft2020'],
]);

const DRAFT3_URI = 'http://json-schema.org/draft-03/schema';

/** The draft named by the schema's `$schema` (with or without an empty `#`), else the default. */
export function draftOf(schema: PyValue, defaultDraft: Draft): Draft {
  if (!isDict(schema) || !Object.hasOwn(schema, '$schema')) return defaultDraft;
  const uri = schema.$schema;
  if (typeof uri !== 'string') throw new InvalidSchemaError('$schema must be a string', 'metaschema', ['$schema']);
  const bare = uri.endsWith('#') ? uri.slice(0, -1) : uri;
  if (bare === DRAFT3_URI) throw new InvalidSchemaError('JSON Schema draft-03 is not supported', 'unsupported-draft');
  return DRAFT_BY_URI.get(bare) ?? defaultDraft;
}

/** Drafts before 2019-09 ignore every keyword beside `$ref`. */
export function refOverridesSiblings(draft: Draft): boolean {
  return draft === 'draft4' || draft === 'draft6' || draft === 'draft7';
}

/** The keyword naming a schema resource's URI. */
export function idKeyword(draft: Draft): string {
  return draft === 'draft4' ? 'id' : '$id';
}
