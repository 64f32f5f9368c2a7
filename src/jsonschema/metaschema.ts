// python-jsonschema's `check_schema`: the schema must satisfy its draft's
// metaschema (checked with Ajv's bundled metaschemas) and every `pattern` and
// `patternProperties` key must compile as a Python regex (the metaschema's
// `format: regex`, which python-jsonschema asserts).

import {defineKey, isDict, PyFloat, type PyDict, type PyValue, toPlain} from '../python/values.js';
import type {Draft} from './drafts.js';
import {InvalidSchemaError, type PathSegment} from './errors.js';
import validateDraft4 from './meta/draft4.js';
import validateDraft6 from './meta/draft6.js';
import validateDraft7 from './meta/draft7.js';
import validateDraft2019 from './meta/draft2019.js';
import validateDraft2020 from './meta/draft2020.js';
import {compileSchemaPattern} from './patterns.js';

/** A metaschema validator compiled ahead of time by Ajv (scripts/gen-validators.js). */
interface CompiledMetaschema {
  (schema: unknown): boolean;
  errors?: {instancePath: string; message?: string}[] | null;
}

const METASCHEMAS: Record<Draft, CompiledMetaschema> = {
  draft4: validateDraft4,
  draft6: validateDraft6,
  draft7: validateDraft7,
  draft2019: validateDraft2019,
  draft2020: validateDraft2020,
};

function validateAgainstMetaschema(schema: unknown, draft: Draft): {valid: boolean; message: string} {
  const validate = METASCHEMAS[draft];
  if (validate(schema)) return {valid: true, message: ''};
  const message = (validate.errors ?? []).map((error) => `data${error.instancePath} ${error.message ?? 'is invalid'}`).join(', ');
  return {valid: false, message};
}

/** The schema as Ajv reads it, without the top-level `$schema` (the draft is already chosen). */
function forMetaValidation(schema: PyValue, draft: Draft): unknown {
  const plain = toPlain(draft === 'draft4' ? withFloatsMarked(schema) : schema);
  if (plain !== null && typeof plain === 'object' && !Array.isArray(plain) && '$schema' in plain) {
    const {$schema: _ignored, ...rest} = plain as Record<string, unknown>;
    return rest;
  }
  return plain;
}

/** Draft-04 keywords whose value must be an integer, and where subschemas sit. */
const DRAFT4_INTEGER_KEYWORDS = new Set(['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties']);
const DRAFT4_SUBSCHEMA_KEYWORDS = new Set(['additionalItems', 'additionalProperties', 'items', 'not', 'allOf', 'anyOf', 'oneOf']);
const DRAFT4_SUBSCHEMA_MAP_KEYWORDS = new Set(['definitions', 'properties', 'patternProperties', 'dependencies']);

/**
 * Draft-04's `integer` rejects integral floats (`minLength: 1.0`), but Ajv sees
 * plain numbers; shifting each integral float in an integer keyword off the
 * integers keeps its float-ness visible. Only those keywords are touched:
 * `enum` items must keep their values, as `uniqueItems` compares them
 * (`[1, 1.0]` has a duplicate).
 */
function withFloatsMarked(schema: PyValue): PyValue {
  if (Array.isArray(schema)) return schema.map(withFloatsMarked);
  if (!isDict(schema)) return schema;
  const out: PyDict = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    let marked = value;
    if (DRAFT4_INTEGER_KEYWORDS.has(key) && value instanceof PyFloat && Number.isFinite(value.value)) {
      marked = value.value + (value.value < 0 ? -0.5 : 0.5);
    } else if (DRAFT4_SUBSCHEMA_KEYWORDS.has(key)) {
      marked = withFloatsMarked(value);
    } else if (DRAFT4_SUBSCHEMA_MAP_KEYWORDS.has(key) && isDict(value)) {
      marked = {};
      for (const name of Object.keys(value)) defineKey(marked, name, withFloatsMarked(value[name]));
    }
    defineKey(out, key, marked);
  }
  return out;
}

const SUBSCHEMA_KEYWORDS = new Set([
  'additionalItems', 'additionalProperties', 'contains', 'else', 'if', 'items', 'not', 'propertyNames',
  'then', 'unevaluatedItems', 'unevaluatedProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems',
]);
const SUBSCHEMA_MAP_KEYWORDS = new Set(['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas', 'dependencies']);

function checkPatterns(schema: PyValue, at: PathSegment[]): void {
  if (!isDict(schema)) return;
  if (typeof schema.pattern === 'string') compileAt(schema.pattern, [...at, 'pattern']);
  for (const keyword of Object.keys(schema)) {
    const value = schema[keyword];
    if (SUBSCHEMA_MAP_KEYWORDS.has(keyword) && isDict(value)) {
      for (const key of Object.keys(value)) {
        if (keyword === 'patternProperties') compileAt(key, [...at, keyword, key]);
        checkPatterns(value[key], [...at, keyword, key]);
      }
    } else if (SUBSCHEMA_KEYWORDS.has(keyword)) {
      if (!Array.isArray(value)) checkPatterns(value, [...at, keyword]);
      else for (let index = 0; index < value.length; index++) checkPatterns(value[index], [...at, keyword, index]);
    }
  }
}

function compileAt(pattern: string, at: PathSegment[]): void {
  try {
    compileSchemaPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidSchemaError) throw new InvalidSchemaError(error.message, 'regex', at);
    throw error;
  }
}

/** Throws `InvalidSchemaError` where python-jsonschema's `check_schema` raises `SchemaError`. */
export function checkSchema(schema: PyValue, draft: Draft): void {
  const result = validateAgainstMetaschema(forMetaValidation(schema, draft), draft);
  if (!result.valid) throw new InvalidSchemaError(`Invalid schema: ${result.message}`, 'metaschema');
  checkPatterns(schema, []);
}
