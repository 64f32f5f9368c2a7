// python-jsonschema's `check_schema`: the schema must satisfy its draft's
// metaschema (checked with Ajv's bundled metaschemas) and every `pattern` and
// `patternProperties` key must compile as a Python regex (the metaschema's
// `format: regex`, which python-jsonschema asserts).

import {Ajv} from 'ajv';
import {Ajv2019} from 'ajv/dist/2019.js';
import {Ajv2020} from 'ajv/dist/2020.js';
import draft6MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with {type: 'json'};
import ajvDraft04Module from 'ajv-draft-04';
import {defineKey, isDict, PyFloat, type PyDict, type PyValue, toPlain} from '../python/values.js';
import type {Draft} from './drafts.js';
import {InvalidSchemaError, type PathSegment} from './errors.js';
import {compileSchemaPattern} from './patterns.js';

interface AjvLike {
  validateSchema(schema: unknown): boolean | Promise<unknown>;
  errorsText(errors?: unknown): string;
  errors?: unknown;
}

/** ajv-draft-04 is CommonJS: its class is the module's `default` property. */
const AjvDraft04 = (ajvDraft04Module as unknown as {default: new (options: object) => AjvLike}).default;

type MetaValidator = (schema: unknown) => {valid: boolean; message: string};

const OPTIONS = {strict: false, validateFormats: false, logger: false} as const;
const metaValidators = new Map<Draft, MetaValidator>();

function fromAjv(ajv: AjvLike): MetaValidator {
  return (schema) => {
    const valid = ajv.validateSchema(schema) === true;
    return {valid, message: valid ? '' : ajv.errorsText(ajv.errors)};
  };
}

function metaValidator(draft: Draft): MetaValidator {
  let validator = metaValidators.get(draft);
  if (validator) return validator;
  switch (draft) {
    case 'draft4':
      validator = fromAjv(new AjvDraft04(OPTIONS));
      break;
    case 'draft6': {
      const ajv = new Ajv({...OPTIONS, defaultMeta: draft6MetaSchema.$id});
      ajv.addMetaSchema(draft6MetaSchema);
      validator = fromAjv(ajv);
      break;
    }
    case 'draft7':
      validator = fromAjv(new Ajv(OPTIONS));
      break;
    case 'draft2019':
      validator = fromAjv(new Ajv2019(OPTIONS));
      break;
    case 'draft2020':
      validator = fromAjv(new Ajv2020(OPTIONS));
      break;
  }
  metaValidators.set(draft, validator);
  return validator;
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

/**
 * Draft-04's `integer` rejects integral floats (`minLength: 1.0`), but Ajv sees
 * plain numbers; shifting each integral float off the integers keeps its
 * float-ness visible without changing sign or `number`-ness.
 */
function withFloatsMarked(value: PyValue): PyValue {
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? value.value + (value.value < 0 ? -0.5 : 0.5) : value;
  if (Array.isArray(value)) return value.map(withFloatsMarked);
  if (isDict(value)) {
    const out: PyDict = {};
    for (const key of Object.keys(value)) defineKey(out, key, withFloatsMarked(value[key]));
    return out;
  }
  return value;
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
  const result = metaValidator(draft)(forMetaValidation(schema, draft));
  if (!result.valid) throw new InvalidSchemaError(`Invalid schema: ${result.message}`, 'metaschema');
  checkPatterns(schema, []);
}
