// The error values of JSON Schema validation: `SchemaError` mirrors a
// python-jsonschema ValidationError (message, paths, keyword, context);
// `InvalidSchemaError` is raised when the schema itself cannot be used.

import type {PyValue} from '../python/values.js';

/** A step in an instance path: a mapping key (as Python's `str()` of it) or a list index. */
export type PathSegment = string | number;

export interface SchemaError {
  /** python-jsonschema's message text, with Python reprs of the values */
  message: string;
  /** absolute path of the failing instance from the validated root */
  path: PathSegment[];
  /** `$` for the root, else `$.` and the path joined with `.` (the reference's pointer) */
  pointer: string;
  /** the failing keyword; `null` for a `false` schema, as in Python */
  validator: string | null;
  /** the keyword's value in the schema */
  validatorValue: PyValue | undefined;
  /** keywords and names leading to the failing keyword (Python's `absolute_schema_path`) */
  schemaPath: PathSegment[];
  /** the failing instance (the original value, so reprs keep `1.0`) */
  instance: PyValue;
  /** branch errors of `anyOf`/`oneOf` failures; empty otherwise */
  context: SchemaError[];
  /** whether the failing schema's own `type` accepts the instance (a `best_match` tie-break) */
  matchesType: boolean;
}

export type InvalidSchemaReason =
  | 'metaschema'
  | 'regex'
  | 'unknown-type'
  | 'unresolvable-ref'
  | 'unsupported-draft'
  | 'unsupported-value';

/** The schema is not usable: python-jsonschema would raise SchemaError, UnknownType or a referencing error. */
export class InvalidSchemaError extends Error {
  override name = 'InvalidSchemaError';
  readonly code = 'INVALID_SCHEMA';
  constructor(
    message: string,
    readonly reason: InvalidSchemaReason,
    /** where in the schema the problem is, as keywords and names */
    readonly schemaPath: PathSegment[] = [],
  ) {
    super(message);
  }
}

/** The reference's `_path_to_pointer`. */
export function pathToPointer(path: readonly PathSegment[]): string {
  return path.length === 0 ? '$' : `$.${path.join('.')}`;
}
