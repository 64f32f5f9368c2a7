// Which array items and object properties count as evaluated for
// `unevaluatedItems`/`unevaluatedProperties`, following python-jsonschema's
// own (approximate) rules for draft 2019-09 and 2020-12.

import {isDict, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import {searchPattern} from './patterns.js';
import type {Evaluation, Location} from './types.js';

function referenced(ev: Evaluation, schema: PyDict, at: Location): Array<{schema: PyValue; at: Location}> {
  const keywords = ev.draft === 'draft2020' ? ['$ref', '$dynamicRef'] : ['$ref', '$recursiveRef'];
  const targets: Array<{schema: PyValue; at: Location}> = [];
  for (const keyword of keywords) {
    if (!Object.hasOwn(schema, keyword)) continue;
    const reference = schema[keyword];
    if (typeof reference !== 'string') continue;
    const target = ev.resolver.resolve(keyword === '$recursiveRef' ? '#' : reference, at.base);
    targets.push({schema: target.schema, at: {...at, base: target.base}});
  }
  return targets;
}

/** Subschemas of `allOf`/`oneOf`/`anyOf` the instance satisfies. */
function passingBranches(ev: Evaluation, instance: PyValue, schema: PyDict, at: Location): PyValue[] {
  const passing: PyValue[] = [];
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) if (ev.isValid(instance, branch, at)) passing.push(branch);
  }
  return passing;
}

/** `if`/`then`/`else` subschemas that apply to the instance. */
function conditionalBranches(ev: Evaluation, instance: PyValue, schema: PyDict, at: Location): PyValue[] {
  if (!Object.hasOwn(schema, 'if')) return [];
  if (ev.isValid(instance, schema.if, at)) return Object.hasOwn(schema, 'then') ? [schema.if, schema.then] : [schema.if];
  return Object.hasOwn(schema, 'else') ? [schema.else] : [];
}

function evaluatedIndexes(ev: Evaluation, instance: PyValue[], schema: PyValue, at: Location): Set<number> {
  const all = new Set(instance.keys());
  if (!isDict(schema)) return new Set();
  const evaluated = new Set<number>();
  const modern = ev.draft === 'draft2020';
  if (modern && Object.hasOwn(schema, 'items')) return all;
  for (const target of referenced(ev, schema, at)) {
    for (const index of evaluatedIndexes(ev, instance, target.schema, target.at)) evaluated.add(index);
  }
  if (modern && Array.isArray(schema.prefixItems)) for (let i = 0; i < schema.prefixItems.length; i++) evaluated.add(i);
  if (!modern && Object.hasOwn(schema, 'items')) {
    if (Object.hasOwn(schema, 'additionalItems') || isDict(schema.items)) return all;
    if (Array.isArray(schema.items)) for (let i = 0; i < schema.items.length; i++) evaluated.add(i);
  }
  for (const branch of conditionalBranches(ev, instance, schema, at)) {
    for (const index of evaluatedIndexes(ev, instance, branch, at)) evaluated.add(index);
  }
  for (const keyword of ['contains', 'unevaluatedItems']) {
    if (!Object.hasOwn(schema, keyword)) continue;
    instance.forEach((item, index) => {
      if (ev.isValid(item, schema[keyword], at)) evaluated.add(index);
    });
  }
  for (const branch of passingBranches(ev, instance, schema, at)) {
    for (const index of evaluatedIndexes(ev, instance, branch, at)) evaluated.add(index);
  }
  return evaluated;
}

/** Indexes of items no keyword of `schema` evaluated, in order. */
export function unevaluatedItemIndexes(ev: Evaluation, instance: PyValue[], schema: PyDict, at: Location): number[] {
  const evaluated = evaluatedIndexes(ev, instance, schema, at);
  return [...instance.keys()].filter((index) => !evaluated.has(index));
}

function evaluatedKeys(ev: Evaluation, instance: PyDict, schema: PyValue, at: Location): Set<string> {
  if (!isDict(schema)) return new Set();
  const evaluated = new Set<string>();
  const keys = pyKeys(instance);
  for (const target of referenced(ev, schema, at)) {
    for (const key of evaluatedKeys(ev, instance, target.schema, target.at)) evaluated.add(key);
  }
  if (ev.draft === 'draft2020') {
    if (isDict(schema.properties)) for (const key of keys) if (Object.hasOwn(schema.properties, key)) evaluated.add(key);
    for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
      if (!Object.hasOwn(schema, keyword) || schema[keyword] === null) continue;
      for (const key of keys) if (ev.isValid(instance[key], schema[keyword], at)) evaluated.add(key);
    }
  } else {
    for (const keyword of ['properties', 'additionalProperties', 'unevaluatedProperties']) {
      const value = schema[keyword];
      if (value === true) for (const key of keys) evaluated.add(key);
      else if (isDict(value)) for (const key of pyKeys(value)) if (Object.hasOwn(instance, key)) evaluated.add(key);
    }
  }
  if (isDict(schema.patternProperties)) {
    for (const key of keys) {
      for (const pattern of pyKeys(schema.patternProperties)) if (searchPattern(pattern, key)) evaluated.add(key);
    }
  }
  if (isDict(schema.dependentSchemas)) {
    for (const property of pyKeys(schema.dependentSchemas)) {
      if (!Object.hasOwn(instance, property)) continue;
      for (const key of evaluatedKeys(ev, instance, schema.dependentSchemas[property], at)) evaluated.add(key);
    }
  }
  const branches = [...passingBranches(ev, instance, schema, at), ...conditionalBranches(ev, instance, schema, at)];
  for (const branch of branches) for (const key of evaluatedKeys(ev, instance, branch, at)) evaluated.add(key);
  return evaluated;
}

/** Keys of properties no keyword of `schema` evaluated, in instance order. */
export function unevaluatedPropertyKeys(ev: Evaluation, instance: PyDict, schema: PyDict, at: Location): string[] {
  const evaluated = evaluatedKeys(ev, instance, schema, at);
  return pyKeys(instance).filter((key) => !evaluated.has(key));
}
