// The types the evaluator and the keyword checks share: where the walk is,
// what a keyword check is given, and the evaluation as a check sees it. Imports
// no evaluation module, so the evaluator can import the keyword table and the
// checks can still call back into the evaluation.

import type {PyDict, PyValue} from '../python/values.js';
import type {Draft} from './drafts.js';
import type {PathSegment, SchemaError} from './errors.js';
import type {Resolver} from './resolver.js';

/** Where the walk is: instance path, schema path and base URI for `$ref`. */
export interface Location {
  path: PathSegment[];
  schemaPath: PathSegment[];
  base: string;
  /**
   * The instance path before the step that led here. python-jsonschema adds a
   * step to an error's path only for errors of keywords, so a `false` schema
   * reports the parent's path.
   */
  descendedFrom?: PathSegment[];
}

export interface ErrorFields {
  validator?: string | null;
  validatorValue?: PyValue | undefined;
  context?: SchemaError[];
}

/** What a keyword check asks of the evaluation it is part of (`Evaluator` in evaluator.ts). */
export interface Evaluation {
  readonly draft: Draft;
  readonly resolver: Resolver;
  /** The collecting evaluation (used where Python lists every error even under `is_valid`). */
  readonly full: Evaluation;
  /** Whether a keyword loop may stop: the probe needs only one error. */
  enough(errors: SchemaError[]): boolean;
  isValid(instance: PyValue, schema: PyValue, at: Location): boolean;
  /** Errors of `instance` against `schema` (Python's `descend`). */
  descend(instance: PyValue, schema: PyValue, at: Location): SchemaError[];
  /** An error raised by the keyword at `at.schemaPath`'s end, about `instance` at `at.path`. */
  error(message: string, instance: PyValue, schema: PyDict, at: Location, fields?: ErrorFields): SchemaError;
}

export type KeywordCheck = (evaluation: Evaluation, value: PyValue, instance: PyValue, schema: PyDict, at: Location) => SchemaError[];
