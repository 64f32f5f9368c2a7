// Precondition gate: typed preconditions (a mapping of context keys to small
// JSON Schemas, checked in sorted key order) or the legacy list of context
// keys that must be truthy. A guard's `then` block can give the effective
// policy shapes the policy schema forbids; those follow the reference's
// Python operations, raising its TypeError texts where it crashes.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {PreconditionError} from '../errors.js';
import {bestMatch, compileSchema} from '../jsonschema/index.js';
import {getLogger} from '../logging.js';
import {RegexBudgetError} from '../python/regex.js';
import {pyStr} from '../python/repr.js';
import {pyContains, pyIterate, pySorted, pyTruthy} from '../python/semantics.js';
import {
  dictGetOr,
  hasKey,
  isDict,
  originalKey,
  type PyDict,
  type PyValue,
  pyKeys,
  pyTypeName,
} from '../python/values.js';

/** The constraint keys a typed precondition honours; any other key is ignored, as in the reference. */
const CONSTRAINT_KEYS = ['pattern', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum'] as const;

const log = getLogger('validator');

export function validatePreconditions(context: PyDict, policy: PyDict, observer: EnforcementObserver | null = null): PyValue[] {
  const pre = dictGetOr(policy, 'pre_conditions', {});
  if (!isDict(pre)) throw new TypeError(`'${pyTypeName(pre)}' object has no attribute 'get'`);
  const required = dictGetOr(pre, 'required', []);
  if (isDict(required)) {
    // Sorted as Python sorts the keys the YAML wrote: ints numerically, strings by code point.
    const byName = new Map(pyKeys(required).map((key) => [originalKey(required, key), key]));
    const names = pySorted([...byName.keys()]);
    for (const name of names) {
      checkTyped(name, required[byName.get(name)!], context, observer);
      observer?.precondition(name, true);
    }
    return names;
  }
  if (Array.isArray(required) && typeof required[0] === 'string') {
    log.warn('Bare-string preconditions are deprecated. Use typed format: required: {key: {type: string}}');
  }
  const satisfied: PyValue[] = [];
  for (const name of pyIterate(required)) {
    if (typeof name !== 'string' || !hasKey(context, name) || !pyTruthy(context[name])) {
      if (isDict(name) || Array.isArray(name)) throw new TypeError(`unhashable type: '${pyTypeName(name)}'`);
      observer?.precondition(name, false);
      throw new PreconditionError(`Missing or false required precondition: ${pyStr(name)}`, {precondition: name});
    }
    observer?.precondition(name, true);
    satisfied.push(name);
  }
  return satisfied;
}

const constraintSchemas = new WeakMap<PyDict, PyDict>();

/** The mini JSON Schema the reference builds from a typed precondition spec (one object per spec, so it compiles once). */
export function constraintSchema(spec: PyValue): PyDict {
  if (!isDict(spec)) return {};
  const known = constraintSchemas.get(spec);
  if (known) return known;
  const schema: PyDict = {};
  constraintSchemas.set(spec, schema);
  if (hasKey(spec, 'type') && spec.type !== 'any') schema.type = spec.type;
  for (const key of CONSTRAINT_KEYS) if (hasKey(spec, key)) schema[key] = spec[key];
  return schema;
}

/**
 * A spec that is not a mapping: `"type" in spec` is a substring test for a
 * string and a membership test for a list (then `spec["type"]` fails), and
 * raises for anything else.
 */
function assertNoConstraintKeys(spec: PyValue): void {
  for (const key of ['type', ...CONSTRAINT_KEYS]) {
    if (typeof spec === 'string') {
      if (spec.includes(key)) throw new TypeError("string indices must be integers, not 'str'");
    } else if (Array.isArray(spec)) {
      if (pyContains(spec, key)) throw new TypeError('list indices must be integers or slices, not str');
    } else {
      throw new TypeError(`argument of type '${pyTypeName(spec)}' is not iterable`);
    }
  }
}

/** Throws the precondition's error when it is violated (telling `observer` so first). */
function checkTyped(name: PyValue, spec: PyValue, context: PyDict, observer: EnforcementObserver | null): void {
  const key = pyStr(name);
  // Context keys come from JSON, so only a string name can be present.
  if (typeof name !== 'string' || !hasKey(context, name)) {
    observer?.precondition(name, false);
    throw new PreconditionError(`Missing required precondition: ${key}`, {precondition: name});
  }
  const value = context[name];
  if (!isDict(spec)) assertNoConstraintKeys(spec);
  const schema = constraintSchema(spec);
  if (Object.keys(schema).length === 0) {
    if (!pyTruthy(value)) {
      observer?.precondition(name, false);
      throw new PreconditionError(`Missing or false required precondition: ${key}`, {precondition: key});
    }
    return;
  }
  let error: ReturnType<typeof bestMatch>;
  try {
    error = bestMatch(compileSchema(schema, {defaultDraft: 'draft2020'}).iterErrors(value));
  } catch (caught) {
    // A pattern whose match runs past its budget fails the precondition: closed, never open.
    if (!(caught instanceof RegexBudgetError)) throw caught;
    observer?.precondition(name, false);
    throw new PreconditionError(`Precondition '${key}' validation failed: ${caught.message}`, {precondition: key, value, constraint: schema});
  }
  if (error) {
    observer?.precondition(name, false);
    throw new PreconditionError(`Precondition '${key}' validation failed: ${error.message}`, {
      precondition: key,
      value,
      constraint: schema,
    });
  }
}
