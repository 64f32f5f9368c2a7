// Compiling a schema once for repeated validation: the draft is chosen, the
// schema checked against its metaschema, `$id`s and anchors indexed, and the
// result cached by the schema object and by its exact content.

import {isDict, PyDate, PyDateTime, PyFloat, type PyValue} from '../python/values.js';
import {type Draft, draftOf} from './drafts.js';
import type {SchemaError} from './errors.js';
import {Evaluator} from './evaluator.js';
import {checkSchema} from './metaschema.js';
import {Resolver} from './resolver.js';

export interface CompileOptions {
  /** the draft when `$schema` names none: `draft2020` as `jsonschema.validate` does */
  defaultDraft: Draft;
  /** skip the metaschema check, as the policy loader's `Draft7Validator(schema)` does; default false */
  trusted?: boolean;
}

export interface CompiledSchema {
  readonly draft: Draft;
  /** Every error, top level only, in python-jsonschema's `iter_errors` order. */
  iterErrors(instance: PyValue): SchemaError[];
  isValid(instance: PyValue): boolean;
}

class Compiled implements CompiledSchema {
  private readonly evaluator: Evaluator;

  constructor(
    private readonly schema: PyValue,
    readonly draft: Draft,
  ) {
    this.evaluator = new Evaluator(draft, new Resolver(schema, draft));
  }

  private get root() {
    return {path: [], schemaPath: [], base: this.evaluator.resolver.rootBase};
  }

  iterErrors(instance: PyValue): SchemaError[] {
    return this.evaluator.descend(instance, this.schema, this.root);
  }

  isValid(instance: PyValue): boolean {
    return this.evaluator.isValid(instance, this.schema, this.root);
  }
}

const CACHE_LIMIT = 512;
const byContent = new Map<string, CompiledSchema>();
const byObject = new WeakMap<object, Map<string, CompiledSchema>>();

/** Content key that keeps what changes behaviour: key order, int vs float, dates. */
function contentKey(value: PyValue): string {
  return JSON.stringify(value, function (this: unknown, key: string, raw: unknown) {
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof PyFloat) return {'\u0000float': String(original.value)};
    if (typeof original === 'bigint') return {'\u0000int': original.toString()};
    if (original instanceof PyDate || original instanceof PyDateTime) return {'\u0000date': {...original}};
    if (typeof original === 'number' && !Number.isFinite(original)) return {'\u0000float': String(original)};
    if (Object.is(original, -0)) return {'\u0000float': '-0'};
    return raw;
  });
}

/**
 * A compiled schema (cached). Throws `InvalidSchemaError` if the schema fails
 * its metaschema or has a pattern Python rejects; unresolvable `$ref`s and
 * unknown types throw from `iterErrors` when validation reaches them.
 */
export function compileSchema(schema: PyValue, options: CompileOptions): CompiledSchema {
  const optionsKey = `${options.defaultDraft}/${options.trusted ? 't' : 'c'}`;
  const perObject = isDict(schema) || Array.isArray(schema) ? byObject.get(schema) : undefined;
  const known = perObject?.get(optionsKey);
  if (known) return known;
  const key = `${optionsKey}/${contentKey(schema)}`;
  let compiled = byContent.get(key);
  if (!compiled) {
    const draft = draftOf(schema, options.defaultDraft);
    if (!options.trusted) checkSchema(schema, draft);
    compiled = new Compiled(schema, draft);
    if (byContent.size >= CACHE_LIMIT) byContent.delete(byContent.keys().next().value as string);
    byContent.set(key, compiled);
  }
  if (isDict(schema) || Array.isArray(schema)) {
    const entry = byObject.get(schema) ?? new Map<string, CompiledSchema>();
    entry.set(optionsKey, compiled);
    byObject.set(schema, entry);
  }
  return compiled;
}
