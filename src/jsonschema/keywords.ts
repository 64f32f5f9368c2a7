// One check per JSON Schema keyword, with python-jsonschema 4.26's semantics
// and message wording, and the keyword table of each draft.

import {pyRepr, pyStr} from '../python/repr.js';
import {compareCodePoints} from '../python/semantics.js';
import {isDict, isNumber, originalKey, PyFloat, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import type {Draft} from './drafts.js';
import {InvalidSchemaError, type PathSegment, type SchemaError} from './errors.js';
import {allUnique, compareNumbers, hasStringKey, isType, type PyNumber, schemaEqual} from './instance.js';
import {failsMultipleOf} from './numbers.js';
import {searchPattern} from './patterns.js';
import type {Evaluation, KeywordCheck, Location} from './types.js';
import {unevaluatedItemIndexes, unevaluatedPropertyKeys} from './unevaluated.js';

type Check = KeywordCheck;

/** `str()` of a mapping key as YAML produced it: the path step Python records. */
export function keySegment(dict: PyDict, key: string): PathSegment {
  return pyStr(originalKey(dict, key));
}

function child(at: Location, segment: PathSegment | null, ...schemaSegments: PathSegment[]): Location {
  return {
    path: segment === null ? at.path : [...at.path, segment],
    schemaPath: [...at.schemaPath, ...schemaSegments],
    base: at.base,
    descendedFrom: at.path,
  };
}

function count(value: PyValue): number {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PyFloat) return value.value;
  return typeof value === 'number' ? value : Number.NaN;
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function listOf(value: PyValue): PyValue[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  throw new InvalidSchemaError(`Expected a list, got ${pyRepr(value)}`, 'metaschema');
}

function extrasMessage(extras: PyValue[]): string {
  return `${extras.map(pyRepr).join(', ')} ${extras.length === 1 ? 'was' : 'were'}`;
}

const type: Check = (ev, types, instance, schema, at) => {
  const list = listOf(types);
  if (list.some((each) => isType(instance, each, ev.draft))) return [];
  return [ev.error(`${pyRepr(instance)} is not of type ${list.map(pyRepr).join(', ')}`, instance, schema, at)];
};

const properties: Check = (ev, value, instance, _schema, at) => {
  if (!isDict(instance) || !isDict(value)) return [];
  const errors: SchemaError[] = [];
  for (const name of pyKeys(value)) {
    if (!hasStringKey(instance, name)) continue;
    errors.push(...ev.descend(instance[name], value[name], child(at, name, name)));
    if (ev.enough(errors)) break;
  }
  return errors;
};

const patternProperties: Check = (ev, value, instance, _schema, at) => {
  if (!isDict(instance) || !isDict(value)) return [];
  const errors: SchemaError[] = [];
  for (const pattern of pyKeys(value)) {
    for (const key of pyKeys(instance)) {
      if (!searchPattern(pattern, key)) continue;
      errors.push(...ev.descend(instance[key], value[pattern], child(at, keySegment(instance, key), pattern)));
      if (ev.enough(errors)) return errors;
    }
  }
  return errors;
};

/** Instance keys neither named by `properties` nor matched by the joined `patternProperties`. */
function additionalKeys(instance: PyDict, schema: PyDict): string[] {
  const named = isDict(schema.properties) ? schema.properties : {};
  const patterns = isDict(schema.patternProperties) ? pyKeys(schema.patternProperties).join('|') : '';
  return pyKeys(instance).filter((key) => {
    const isString = typeof originalKey(instance, key) === 'string';
    if (isString && Object.hasOwn(named, key)) return false;
    return !(isString && patterns !== '' && searchPattern(patterns, key));
  });
}

function sortedCodePoints(values: string[]): string[] {
  return [...values].sort(compareCodePoints);
}

const additionalProperties: Check = (ev, value, instance, schema, at) => {
  if (!isDict(instance)) return [];
  const extras = additionalKeys(instance, schema);
  if (isDict(value)) {
    const errors: SchemaError[] = [];
    for (const key of extras) {
      errors.push(...ev.descend(instance[key], value, child(at, keySegment(instance, key))));
      if (ev.enough(errors)) break;
    }
    return errors;
  }
  if (value !== false || extras.length === 0) return [];
  const originals = extras.map((key) => originalKey(instance, key));
  const byStr = [...originals].sort((x, y) => compareCodePoints(pyStr(x), pyStr(y)));
  if (isDict(schema.patternProperties)) {
    const verb = extras.length === 1 ? 'does' : 'do';
    const patterns = sortedCodePoints(pyKeys(schema.patternProperties)).map(pyRepr).join(', ');
    const message = `${byStr.map(pyRepr).join(', ')} ${verb} not match any of the regexes: ${patterns}`;
    return [ev.error(message, instance, schema, at)];
  }
  return [ev.error(`Additional properties are not allowed (${extrasMessage(byStr)} unexpected)`, instance, schema, at)];
};

const propertyNames: Check = (ev, value, instance, _schema, at) => {
  if (!isDict(instance)) return [];
  const errors: SchemaError[] = [];
  for (const key of pyKeys(instance)) {
    errors.push(...ev.descend(originalKey(instance, key), value, at));
    if (ev.enough(errors)) break;
  }
  return errors;
};

const required: Check = (ev, value, instance, schema, at) => {
  if (!isDict(instance)) return [];
  const errors: SchemaError[] = [];
  for (const name of listOf(value)) {
    if (typeof name === 'string' && hasStringKey(instance, name)) continue;
    errors.push(ev.error(`${pyRepr(name)} is a required property`, instance, schema, at));
    if (ev.enough(errors)) break;
  }
  return errors;
};

function sizeCheck(
  applies: (instance: PyValue) => number | null,
  tooFew: boolean,
  wording: (limit: number) => string,
): Check {
  return (ev, value, instance, schema, at) => {
    const size = applies(instance);
    if (size === null) return [];
    const limit = count(value);
    if (tooFew ? !(size < limit) : !(size > limit)) return [];
    return [ev.error(`${pyRepr(instance)} ${wording(limit)}`, instance, schema, at)];
  };
}

const stringSize = (instance: PyValue) => (typeof instance === 'string' ? codePointLength(instance) : null);
const arraySize = (instance: PyValue) => (Array.isArray(instance) ? instance.length : null);
const objectSize = (instance: PyValue) => (isDict(instance) ? pyKeys(instance).length : null);
const atLeast = (other: string) => (limit: number) => (limit === 1 ? 'should be non-empty' : other);
const atMost = (other: string) => (limit: number) => (limit === 0 ? 'is expected to be empty' : other);

const minLength = sizeCheck(stringSize, true, atLeast('is too short'));
const maxLength = sizeCheck(stringSize, false, atMost('is too long'));
const minItems = sizeCheck(arraySize, true, atLeast('is too short'));
const maxItems = sizeCheck(arraySize, false, atMost('is too long'));
const minProperties = sizeCheck(objectSize, true, atLeast('does not have enough properties'));
const maxProperties = sizeCheck(objectSize, false, atMost('has too many properties'));

function numericLimit(value: PyValue): PyNumber {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isNumber(value)) return value;
  throw new InvalidSchemaError(`Expected a number, got ${pyRepr(value)}`, 'metaschema');
}

/** `minimum`/`maximum`/`exclusive*` (draft-06+): fails when the comparison with the limit is in `failing`. */
function bound(failing: (sign: number) => boolean, wording: string): Check {
  return (ev, value, instance, schema, at) => {
    if (!isNumber(instance)) return [];
    if (!failing(compareNumbers(instance, numericLimit(value)))) return [];
    return [ev.error(`${pyRepr(instance)} is ${wording} ${pyRepr(value)}`, instance, schema, at)];
  };
}

const minimum = bound((sign) => sign < 0, 'less than the minimum of');
const maximum = bound((sign) => sign > 0, 'greater than the maximum of');
const exclusiveMinimum = bound((sign) => sign <= 0, 'less than or equal to the minimum of');
const exclusiveMaximum = bound((sign) => sign >= 0, 'greater than or equal to the maximum of');

/** Draft-04 `minimum`/`maximum`, made exclusive by a truthy boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function draft4Bound(exclusiveKeyword: string, below: boolean): Check {
  return (ev, value, instance, schema, at) => {
    if (!isNumber(instance)) return [];
    const exclusive = Object.hasOwn(schema, exclusiveKeyword) && truthy(schema[exclusiveKeyword]);
    const sign = compareNumbers(instance, numericLimit(value));
    const failed = below ? (exclusive ? sign <= 0 : sign < 0) : exclusive ? sign >= 0 : sign > 0;
    if (!failed) return [];
    const relation = `${below ? 'less' : 'greater'} than${exclusive ? ' or equal to' : ''}`;
    const limit = below ? 'minimum' : 'maximum';
    return [ev.error(`${pyRepr(instance)} is ${relation} the ${limit} of ${pyRepr(value)}`, instance, schema, at)];
  };
}

function truthy(value: PyValue): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return pyKeys(value).length > 0;
  return true;
}

const multipleOf: Check = (ev, value, instance, schema, at) => {
  if (!isNumber(instance)) return [];
  if (!failsMultipleOf(instance, numericLimit(value))) return [];
  return [ev.error(`${pyRepr(instance)} is not a multiple of ${pyStr(value)}`, instance, schema, at)];
};

const pattern: Check = (ev, value, instance, schema, at) => {
  if (typeof instance !== 'string' || typeof value !== 'string') return [];
  if (searchPattern(value, instance)) return [];
  return [ev.error(`${pyRepr(instance)} does not match ${pyRepr(value)}`, instance, schema, at)];
};

const enumCheck: Check = (ev, value, instance, schema, at) => {
  const options = Array.isArray(value) ? value : isDict(value) ? pyKeys(value) : [];
  if (options.some((option) => schemaEqual(option, instance))) return [];
  return [ev.error(`${pyRepr(instance)} is not one of ${pyRepr(value)}`, instance, schema, at)];
};

const constCheck: Check = (ev, value, instance, schema, at) => {
  if (schemaEqual(instance, value)) return [];
  return [ev.error(`${pyRepr(value)} was expected`, instance, schema, at)];
};

const uniqueItems: Check = (ev, value, instance, schema, at) => {
  if (!truthy(value) || !Array.isArray(instance) || allUnique(instance)) return [];
  return [ev.error(`${pyRepr(instance)} has non-unique elements`, instance, schema, at)];
};

const ref: Check = (ev, value, instance, _schema, at) => {
  if (typeof value !== 'string') throw new InvalidSchemaError('$ref must be a string', 'metaschema', at.schemaPath);
  const target = ev.resolver.resolve(value, at.base);
  return ev.descend(instance, target.schema, {...at, base: target.base});
};

const allOf: Check = (ev, value, instance, _schema, at) => {
  const errors: SchemaError[] = [];
  listOf(value).forEach((subschema, index) => {
    if (ev.enough(errors)) return;
    errors.push(...ev.descend(instance, subschema, child(at, null, index)));
  });
  return errors;
};

/** Errors of each branch until one passes; `null` when one passes. */
function branchErrors(ev: Evaluation, branches: PyValue[], instance: PyValue, at: Location): {errors: SchemaError[]; firstValid: number} {
  const errors: SchemaError[] = [];
  for (let index = 0; index < branches.length; index++) {
    const found = ev.full.descend(instance, branches[index], child(at, null, index));
    if (found.length === 0) return {errors, firstValid: index};
    errors.push(...found);
  }
  return {errors, firstValid: -1};
}

const anyOf: Check = (ev, value, instance, schema, at) => {
  const {errors, firstValid} = branchErrors(ev, listOf(value), instance, at);
  if (firstValid >= 0) return [];
  return [ev.error(`${pyRepr(instance)} is not valid under any of the given schemas`, instance, schema, at, {context: errors})];
};

const oneOf: Check = (ev, value, instance, schema, at) => {
  const branches = listOf(value);
  const {errors, firstValid} = branchErrors(ev, branches, instance, at);
  if (firstValid < 0) {
    return [ev.error(`${pyRepr(instance)} is not valid under any of the given schemas`, instance, schema, at, {context: errors})];
  }
  const alsoValid = branches.slice(firstValid + 1).filter((branch) => ev.isValid(instance, branch, at));
  if (alsoValid.length === 0) return [];
  const reprs = [...alsoValid, branches[firstValid]].map(pyRepr).join(', ');
  return [ev.error(`${pyRepr(instance)} is valid under each of ${reprs}`, instance, schema, at)];
};

const not: Check = (ev, value, instance, schema, at) => {
  if (!ev.isValid(instance, value, at)) return [];
  return [ev.error(`${pyRepr(instance)} should not be valid under ${pyRepr(value)}`, instance, schema, at)];
};

const ifThenElse: Check = (ev, value, instance, schema, at) => {
  if (ev.isValid(instance, value, at)) {
    return Object.hasOwn(schema, 'then') ? ev.descend(instance, schema.then, child(at, null, 'then')) : [];
  }
  return Object.hasOwn(schema, 'else') ? ev.descend(instance, schema.else, child(at, null, 'else')) : [];
};

function eachItem(ev: Evaluation, items: PyValue[], from: number, subschema: PyValue, at: Location): SchemaError[] {
  const errors: SchemaError[] = [];
  for (let index = from; index < items.length; index++) {
    errors.push(...ev.descend(items[index], subschema, child(at, index)));
    if (ev.enough(errors)) break;
  }
  return errors;
}

function positional(ev: Evaluation, items: PyValue[], schemas: PyValue[], at: Location): SchemaError[] {
  const errors: SchemaError[] = [];
  for (let index = 0; index < Math.min(items.length, schemas.length); index++) {
    errors.push(...ev.descend(items[index], schemas[index], child(at, index, index)));
    if (ev.enough(errors)) break;
  }
  return errors;
}

const itemsDraft4: Check = (ev, value, instance, _schema, at) => {
  if (!Array.isArray(instance)) return [];
  if (isDict(value)) return eachItem(ev, instance, 0, value, at);
  return positional(ev, instance, listOf(value), at);
};

const itemsDraft6: Check = (ev, value, instance, _schema, at) => {
  if (!Array.isArray(instance)) return [];
  if (Array.isArray(value)) return positional(ev, instance, value, at);
  return eachItem(ev, instance, 0, value, at);
};

const prefixItems: Check = (ev, value, instance, _schema, at) => {
  if (!Array.isArray(instance)) return [];
  return positional(ev, instance, listOf(value), at);
};

const items2020: Check = (ev, value, instance, schema, at) => {
  if (!Array.isArray(instance)) return [];
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
  const extra = instance.length - prefix;
  if (extra <= 0) return [];
  if (value === false) {
    const rest = extra === 1 ? instance[prefix] : instance.slice(prefix);
    const noun = prefix === 1 ? 'item' : 'items';
    const message = `Expected at most ${prefix} ${noun} but found ${extra} extra: ${pyRepr(rest)}`;
    return [ev.error(message, instance, schema, at)];
  }
  return eachItem(ev, instance, prefix, value, at);
};

const additionalItems: Check = (ev, value, instance, schema, at) => {
  if (!Array.isArray(instance)) return [];
  const items = Object.hasOwn(schema, 'items') ? schema.items : {};
  if (isDict(items)) return [];
  const covered = Array.isArray(items) ? items.length : 0;
  if (isDict(value)) return eachItem(ev, instance, covered, value, at);
  if (truthy(value) || instance.length <= covered) return [];
  return [ev.error(`Additional items are not allowed (${extrasMessage(instance.slice(covered))} unexpected)`, instance, schema, at)];
};

const containsDraft6: Check = (ev, value, instance, schema, at) => {
  if (!Array.isArray(instance)) return [];
  if (instance.some((item) => ev.isValid(item, value, at))) return [];
  return [ev.error(`None of ${pyRepr(instance)} are valid under the given schema`, instance, schema, at)];
};

const contains: Check = (ev, value, instance, schema, at) => {
  if (!Array.isArray(instance)) return [];
  const minContains = Object.hasOwn(schema, 'minContains') ? count(schema.minContains) : 1;
  const maxContains = Object.hasOwn(schema, 'maxContains') ? count(schema.maxContains) : instance.length;
  let matches = 0;
  for (const item of instance) {
    if (!ev.isValid(item, value, at)) continue;
    matches++;
    if (matches > maxContains) {
      const message = `Too many items match the given schema (expected at most ${pyRepr(schema.maxContains)})`;
      return [ev.error(message, instance, schema, at, {validator: 'maxContains', validatorValue: schema.maxContains})];
    }
  }
  if (matches >= minContains) return [];
  if (matches === 0) return [ev.error(`${pyRepr(instance)} does not contain items matching the given schema`, instance, schema, at)];
  const message = `Too few items match the given schema (expected at least ${pyRepr(schema.minContains)} but only ${matches} matched)`;
  return [ev.error(message, instance, schema, at, {validator: 'minContains', validatorValue: schema.minContains})];
};

function missingDependencies(ev: Evaluation, instance: PyDict, property: string, names: PyValue[], schema: PyDict, at: Location): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const name of names) {
    if (typeof name === 'string' && hasStringKey(instance, name)) continue;
    errors.push(ev.error(`${pyRepr(name)} is a dependency of ${pyRepr(property)}`, instance, schema, at));
    if (ev.enough(errors)) break;
  }
  return errors;
}

const dependencies: Check = (ev, value, instance, schema, at) => {
  if (!isDict(instance) || !isDict(value)) return [];
  const errors: SchemaError[] = [];
  for (const property of pyKeys(value)) {
    if (!hasStringKey(instance, property)) continue;
    const dependency = value[property];
    if (Array.isArray(dependency)) errors.push(...missingDependencies(ev, instance, property, dependency, schema, at));
    else errors.push(...ev.descend(instance, dependency, child(at, null, property)));
    if (ev.enough(errors)) break;
  }
  return errors;
};

const dependentRequired: Check = (ev, value, instance, schema, at) => {
  if (!isDict(instance) || !isDict(value)) return [];
  const errors: SchemaError[] = [];
  for (const property of pyKeys(value)) {
    if (!hasStringKey(instance, property)) continue;
    errors.push(...missingDependencies(ev, instance, property, listOf(value[property]), schema, at));
    if (ev.enough(errors)) break;
  }
  return errors;
};

const dependentSchemas: Check = (ev, value, instance, _schema, at) => {
  if (!isDict(instance) || !isDict(value)) return [];
  const errors: SchemaError[] = [];
  for (const property of pyKeys(value)) {
    if (!hasStringKey(instance, property)) continue;
    errors.push(...ev.descend(instance, value[property], child(at, null, property)));
    if (ev.enough(errors)) break;
  }
  return errors;
};

const unevaluatedItems: Check = (ev, _value, instance, schema, at) => {
  if (!Array.isArray(instance)) return [];
  const unevaluated = unevaluatedItemIndexes(ev, instance, schema, at).map((index) => instance[index]);
  if (unevaluated.length === 0) return [];
  return [ev.error(`Unevaluated items are not allowed (${extrasMessage(unevaluated)} unexpected)`, instance, schema, at)];
};

const unevaluatedProperties: Check = (ev, value, instance, schema, at) => {
  if (!isDict(instance)) return [];
  const failing: string[] = [];
  for (const key of unevaluatedPropertyKeys(ev, instance, schema, at)) {
    const errors = ev.descend(instance[key], value, child(at, keySegment(instance, key), key));
    for (let i = 0; i < errors.length; i++) failing.push(key);
  }
  if (failing.length === 0) return [];
  const originals = failing.map((key) => originalKey(instance, key));
  if (value === false) {
    const sorted = [...originals].sort((x, y) => compareCodePoints(pyStr(x), pyStr(y)));
    return [ev.error(`Unevaluated properties are not allowed (${extrasMessage(sorted)} unexpected)`, instance, schema, at)];
  }
  const message = `Unevaluated properties are not valid under the given schema (${extrasMessage(originals)} unevaluated and invalid)`;
  return [ev.error(message, instance, schema, at)];
};

const COMMON: Record<string, Check> = {
  $ref: ref,
  additionalProperties,
  allOf,
  anyOf,
  enum: enumCheck,
  maxItems,
  maxLength,
  maxProperties,
  minItems,
  minLength,
  minProperties,
  multipleOf,
  not,
  oneOf,
  pattern,
  patternProperties,
  properties,
  required,
  type,
  uniqueItems,
};

const DRAFT6_ADDITIONS: Record<string, Check> = {
  additionalItems,
  const: constCheck,
  contains: containsDraft6,
  dependencies,
  exclusiveMaximum,
  exclusiveMinimum,
  items: itemsDraft6,
  maximum,
  minimum,
  propertyNames,
};

const MODERN: Record<string, Check> = {
  const: constCheck,
  contains,
  dependentRequired,
  dependentSchemas,
  exclusiveMaximum,
  exclusiveMinimum,
  if: ifThenElse,
  maximum,
  minimum,
  propertyNames,
  unevaluatedItems,
  unevaluatedProperties,
};

const TABLES: Record<Draft, Map<string, Check>> = {
  draft4: new Map(
    Object.entries({
      ...COMMON,
      additionalItems,
      dependencies,
      items: itemsDraft4,
      maximum: draft4Bound('exclusiveMaximum', false),
      minimum: draft4Bound('exclusiveMinimum', true),
    }),
  ),
  draft6: new Map(Object.entries({...COMMON, ...DRAFT6_ADDITIONS})),
  draft7: new Map(Object.entries({...COMMON, ...DRAFT6_ADDITIONS, if: ifThenElse})),
  draft2019: new Map(Object.entries({...COMMON, ...MODERN, additionalItems, items: itemsDraft6, $recursiveRef: recursiveRef()})),
  draft2020: new Map(Object.entries({...COMMON, ...MODERN, items: items2020, prefixItems, $dynamicRef: ref})),
};

/** `$recursiveRef` resolved statically against the current resource (dynamic scope is not tracked). */
function recursiveRef(): Check {
  return (ev, value, instance, schema, at) => ref(ev, typeof value === 'string' ? value : '#', instance, schema, at);
}

export function keywordsFor(draft: Draft): Map<string, Check> {
  return TABLES[draft];
}
