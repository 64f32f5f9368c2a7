// Choosing the error to report: python-jsonschema's `best_match` (shallowest
// error, `anyOf`/`oneOf` weak, then descending into their context) for output
// schemas and preconditions, and the policy loader's first-by-sorted-pointer.

import {compareCodePoints} from '../python/semantics.js';
import type {PathSegment, SchemaError} from './errors.js';

const WEAK = new Set(['anyOf', 'oneOf']);

function compareSegments(a: PathSegment, b: PathSegment): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return typeof a === 'number' ? -1 : 1;
}

/** Python's ordering of two path deques. */
function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareSegments(a[i], b[i]);
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(a.length - b.length);
}

/** `relevance(a) <=> relevance(b)`: (-len(path), path, not weak, not matches type). */
function compareRelevance(a: SchemaError, b: SchemaError): number {
  if (a.path.length !== b.path.length) return b.path.length - a.path.length;
  const byPath = comparePaths(a.path, b.path);
  if (byPath !== 0) return byPath;
  const weakA = a.validator !== null && WEAK.has(a.validator);
  const weakB = b.validator !== null && WEAK.has(b.validator);
  if (weakA !== weakB) return weakA ? -1 : 1;
  if (a.matchesType !== b.matchesType) return a.matchesType ? -1 : 1;
  return 0;
}

/** The most relevant error by `best_match`'s ranking, without descending into an `anyOf`/`oneOf`'s branch errors. */
export function mostRelevant(errors: readonly SchemaError[]): SchemaError | undefined {
  let best: SchemaError | undefined;
  for (const error of errors) if (best === undefined || compareRelevance(error, best) > 0) best = error;
  return best;
}

/** `jsonschema.exceptions.best_match`. */
export function bestMatch(errors: readonly SchemaError[]): SchemaError | undefined {
  let best = mostRelevant(errors);
  if (best === undefined) return undefined;
  while (best.context.length > 0) {
    const [first, second] = [...best.context].sort(compareRelevance);
    if (second !== undefined && compareRelevance(first, second) === 0) return best;
    best = first;
  }
  return best;
}

/** The policy loader's rule: errors stably sorted by pointer string, the first one. */
export function firstBySortedPointer(errors: readonly SchemaError[]): SchemaError | undefined {
  return [...errors].sort((a, b) => compareCodePoints(a.pointer, b.pointer))[0];
}
