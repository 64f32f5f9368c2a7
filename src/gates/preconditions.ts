// Precondition gate: typed preconditions (a mapping of context keys to small
// JSON Schemas, checked in sorted key order) or the legacy list of context
// keys that must be truthy.

import {PreconditionError} from '../errors.js';
import {bestMatch, compileSchema} from '../jsonschema/index.js';
import {pyStr} from '../python/repr.js';
import {pyIterate, pySorted, pyTruthy} from '../python/semantics.js';
import {dictGet, hasKey, isDict, originalKey, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import {getLogger} from '../logging.js';

/** The constraint keys a typed precondition honours; any other key is ignored, as in the reference. */
const CONSTRAINT_KEYS = ['pattern', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum'] as const;

const log = getLogger('validator');

export function validatePreconditions(context: PyDict, policy: PyDict): PyValue[] {
  const pre = dictGet(policy, 'pre_conditions') ?? {};
  if (!isDict(pre)) throw new TypeError("'pre_conditions' has no attribute 'get'");
  const required = dictGet(pre, 'required') ?? [];
  if (isDict(required)) {
    // Sorted as Python sorts the keys the YAML wrote: ints numerically, strings by code point.
    const byName = new Map(pyKeys(required).map((key) => [originalKey(required, key), key]));
    const names = pySorted([...byName.keys()]);
    for (const name of names) checkTyped(name, required[byName.get(name)!], context);
    return names;
  }
  if (Array.isArray(required) && typeof required[0] === 'string') {
    log.warn('Bare-string preconditions are deprecated. Use typed format: required: {key: {type: string}}');
  }
  const satisfied: PyValue[] = [];
  for (const name of pyIterate(required)) {
    if (typeof name !== 'string' || !hasKey(context, name) || !pyTruthy(context[name])) {
      if (isDict(name) || Array.isArray(name)) throw new TypeError(`unhashable type: '${isDict(name) ? 'dict' : 'list'}'`);
      throw new PreconditionError(`Missing or false required precondition: ${pyStr(name)}`, {precondition: name});
    }
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

function checkTyped(name: PyValue, spec: PyValue, context: PyDict): void {
  if (spec === null) throw new TypeError("argument of type 'NoneType' is not iterable");
  const key = pyStr(name);
  // Context keys come from JSON, so only a string name can be present.
  if (typeof name !== 'string' || !hasKey(context, name)) {
    throw new PreconditionError(`Missing required precondition: ${key}`, {precondition: name});
  }
  const value = context[name];
  const schema = constraintSchema(spec);
  if (Object.keys(schema).length === 0) {
    if (!pyTruthy(value)) throw new PreconditionError(`Missing or false required precondition: ${key}`, {precondition: key});
    return;
  }
  const error = bestMatch(compileSchema(schema, {defaultDraft: 'draft2020'}).iterErrors(value));
  if (error) {
    throw new PreconditionError(`Precondition '${key}' validation failed: ${error.message}`, {
      precondition: key,
      value,
      constraint: schema,
    });
  }
}
