// Comparing an expected (partial) artifact with the actual one, shared by
// `aigc policy test` and `aigc replay`: every key the expectation gives must
// equal the actual value, mappings compared recursively as subsets, lists
// item by item. Differences are reported field by field as JSON pointers.

import {pyJsonDumps} from '../canonical/dumps.js';
import {pyEquals} from '../python/semantics.js';
import {defineKey, isDict, isList, type PyDict, type PyValue, pyKeys} from '../python/values.js';

/** One field where the actual value differs from the expected one; `undefined` means absent. */
export interface FieldDiff {
  /** RFC 6901 pointer from the compared root, `''` for the root itself. */
  pointer: string;
  expected: PyValue | undefined;
  actual: PyValue | undefined;
}

export interface CompareOptions {
  /** Pointers not compared (and not descended into). */
  ignore?: ReadonlySet<string>;
}

/** Artifact fields that change with the clock: ignored unless a comparison is strict. */
export const VOLATILE_ARTIFACT_POINTERS: ReadonlySet<string> = new Set([
  '/timestamp',
  '/metadata/pre_call_timestamp',
  '/metadata/post_call_timestamp',
]);

/** The differences between `expected` (a subset) and `actual`; empty when every expected field matches. */
export function subsetDiff(expected: PyValue, actual: PyValue | undefined, options: CompareOptions = {}): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  collect(expected, actual, '', options.ignore ?? new Set(), diffs);
  return diffs;
}

function collect(expected: PyValue, actual: PyValue | undefined, pointer: string, ignore: ReadonlySet<string>, diffs: FieldDiff[]): void {
  if (ignore.has(pointer)) return;
  if (isDict(expected) && isDict(actual)) {
    for (const key of pyKeys(expected)) {
      const child = `${pointer}/${escapePointerToken(key)}`;
      if (Object.hasOwn(actual, key)) collect(expected[key], actual[key], child, ignore, diffs);
      else if (!ignore.has(child)) diffs.push({pointer: child, expected: expected[key], actual: undefined});
    }
    return;
  }
  if (isList(expected) && isList(actual) && expected.length === actual.length) {
    for (const [index, item] of expected.entries()) collect(item, actual[index], `${pointer}/${index}`, ignore, diffs);
    return;
  }
  if (actual === undefined || !pyEquals(expected, actual)) diffs.push({pointer, expected, actual});
}

/** A JSON pointer reference token: `~` and `/` escaped as RFC 6901 says. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A pointer from a path of keys and indexes. */
export function jsonPointer(path: ReadonlyArray<string | number>): string {
  return path.map((segment) => `/${escapePointerToken(String(segment))}`).join('');
}

/** A value as one line of JSON (Python number forms), or `(absent)`. */
export function formatValue(value: PyValue | undefined, maxLength = 160): string {
  if (value === undefined) return '(absent)';
  let text: string;
  try {
    text = pyJsonDumps(value);
  } catch {
    text = String(value);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** `/failure_gate: "role_validation" → "precondition_validation"` (expected, then actual). */
export function formatFieldDiff(diff: FieldDiff): string {
  return `${diff.pointer === '' ? '/' : diff.pointer}: ${formatValue(diff.expected)} → ${formatValue(diff.actual)}`;
}

/**
 * `actual` cut down to the shape of `shape`: the keys `shape` gives, recursively,
 * with the actual values. Used to update an expectation without widening it.
 * A key the actual value lacks is left out.
 */
export function projectOnto(shape: PyValue, actual: PyValue | undefined): PyValue | undefined {
  if (isDict(shape) && isDict(actual)) {
    const out: PyDict = {};
    for (const key of pyKeys(shape)) {
      if (!Object.hasOwn(actual, key)) continue;
      const projected = projectOnto(shape[key], actual[key]);
      if (projected !== undefined) defineKey(out, key, projected);
    }
    return out;
  }
  if (isList(shape) && isList(actual) && shape.length === actual.length) {
    return actual.map((item, index) => projectOnto(shape[index], item) ?? item) as PyValue;
  }
  return actual;
}

/** `value` without the fields at the given pointers (top-level and nested mapping keys only). */
export function withoutPointers(value: PyDict, pointers: ReadonlySet<string>): PyDict {
  const out: PyDict = {};
  for (const key of pyKeys(value)) {
    const pointer = `/${escapePointerToken(key)}`;
    if (pointers.has(pointer)) continue;
    const child = value[key];
    const nested = [...pointers].filter((candidate) => candidate.startsWith(`${pointer}/`));
    const inner = nested.length > 0 && isDict(child) ? withoutPointers(child, new Set(nested.map((p) => p.slice(pointer.length)))) : child;
    defineKey(out, key, inner);
  }
  return out;
}
