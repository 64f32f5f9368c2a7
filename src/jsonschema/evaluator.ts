// Walks a schema over an instance the way python-jsonschema's `iter_errors`
// and `descend` do: keywords in the schema's own order (only `$ref` before
// draft 2019-09 when present), each keyword's errors in its own order, and
// `anyOf`/`oneOf` branch errors kept as `context` of a single error.

import {pyRepr} from '../python/repr.js';
import {isDict, type PyDict, type PyValue} from '../python/values.js';
import {type Draft, refOverridesSiblings} from './drafts.js';
import {InvalidSchemaError, pathToPointer, type SchemaError} from './errors.js';
import {isType} from './instance.js';
import {keywordsFor} from './keywords.js';
import type {Resolver} from './resolver.js';
import type {ErrorFields, Evaluation, KeywordCheck, Location} from './types.js';

export class Evaluator implements Evaluation {
  private readonly checks: Map<string, KeywordCheck>;
  /** An evaluator that stops at the first error: `is_valid`. */
  readonly probe: Evaluator;

  constructor(
    readonly draft: Draft,
    readonly resolver: Resolver,
    readonly firstOnly = false,
    full?: Evaluator,
  ) {
    this.checks = keywordsFor(draft);
    this.probe = firstOnly ? this : new Evaluator(draft, resolver, true, this);
    this.full = full ?? this;
  }

  /** The collecting evaluator (used where Python lists every error even under `is_valid`). */
  readonly full: Evaluator;

  /** Whether a keyword loop may stop: the probe needs only one error. */
  enough(errors: SchemaError[]): boolean {
    return this.firstOnly && errors.length > 0;
  }

  isValid(instance: PyValue, schema: PyValue, at: Location): boolean {
    return this.probe.descend(instance, schema, at).length === 0;
  }

  /** Errors of `instance` against `schema` (Python's `descend`). */
  descend(instance: PyValue, schema: PyValue, at: Location): SchemaError[] {
    if (schema === true) return [];
    if (schema === false) {
      return [this.falseSchemaError(instance, at)];
    }
    if (!isDict(schema)) {
      throw new InvalidSchemaError(`Schema must be an object or a boolean, got ${typeof schema}`, 'metaschema', at.schemaPath);
    }
    const here: Location = {path: at.path, schemaPath: at.schemaPath, base: this.resolver.baseOf(schema, at.base)};
    const keywords =
      refOverridesSiblings(this.draft) && Object.hasOwn(schema, '$ref') && schema.$ref !== null ? ['$ref'] : Object.keys(schema);
    const errors: SchemaError[] = [];
    for (const keyword of keywords) {
      const check = this.checks.get(keyword);
      if (check === undefined) continue;
      const schemaPath = keyword === '$ref' || keyword === 'if' ? here.schemaPath : [...here.schemaPath, keyword];
      errors.push(...check(this, schema[keyword], instance, schema, {...here, schemaPath}));
      if (this.enough(errors)) break;
    }
    return errors;
  }

  private falseSchemaError(instance: PyValue, at: Location): SchemaError {
    const path = at.descendedFrom ?? at.path;
    return {
      message: `False schema does not allow ${pyRepr(instance)}`,
      path,
      pointer: pathToPointer(path),
      validator: null,
      validatorValue: null,
      schemaPath: at.schemaPath,
      instance,
      context: [],
      matchesType: false,
    };
  }

  /** An error raised by the keyword at `at.schemaPath`'s end, about `instance` at `at.path`. */
  error(message: string, instance: PyValue, schema: PyDict, at: Location, fields: ErrorFields = {}): SchemaError {
    const keyword = at.schemaPath.at(-1);
    return {
      message,
      path: at.path,
      pointer: pathToPointer(at.path),
      validator: fields.validator !== undefined ? fields.validator : typeof keyword === 'string' ? keyword : null,
      validatorValue: fields.validatorValue !== undefined ? fields.validatorValue : schema[String(keyword)],
      schemaPath: at.schemaPath,
      instance,
      context: fields.context ?? [],
      matchesType: this.matchesType(instance, schema),
    };
  }

  /** `ValidationError._matches_type`: the failing schema's `type` accepts the instance. */
  private matchesType(instance: PyValue, schema: PyDict): boolean {
    if (!Object.hasOwn(schema, 'type')) return false;
    const expected = schema.type;
    if (typeof expected === 'string') return isType(instance, expected, this.draft);
    if (Array.isArray(expected)) return expected.some((type) => isType(instance, type, this.draft));
    return false;
  }
}
