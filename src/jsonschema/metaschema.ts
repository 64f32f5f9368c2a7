// python-jsonschema's `check_schema`: the schema must satisfy its draft's
// metaschema, checked by this package's own evaluator so the first error is
// python-jsonschema's (`'objekt' is not valid under any of the given
// schemas`, at `type`), and every `pattern` and `patternProperties` key must
// compile as a Python regex (the metaschema's `format: regex`, which
// python-jsonschema asserts).

import {parseJson} from '../canonical/json.js';
import {isDict, type PyValue} from '../python/values.js';
import type {Draft} from './drafts.js';
import {InvalidSchemaError, type PathSegment, type SchemaError} from './errors.js';
import {Evaluator} from './evaluator.js';
import {METASCHEMA_TEXT} from './metaschemas.generated.js';
import {compileSchemaPattern} from './patterns.js';
import {Resolver} from './resolver.js';

interface Metaschema {
  schema: PyValue;
  evaluator: Evaluator;
}

const metaschemas = new Map<Draft, Metaschema>();

/** The draft's metaschema with its evaluator, built when first needed. */
function metaschemaOf(draft: Draft): Metaschema {
  let metaschema = metaschemas.get(draft);
  if (!metaschema) {
    const schema = parseJson(METASCHEMA_TEXT[draft]);
    metaschema = {schema, evaluator: new Evaluator(draft, new Resolver(schema, draft))};
    metaschemas.set(draft, metaschema);
  }
  return metaschema;
}

/** The error `check_schema` raises: the first the metaschema's `iter_errors` yields. */
function firstMetaschemaError(schema: PyValue, draft: Draft): SchemaError | undefined {
  const {schema: metaschema, evaluator} = metaschemaOf(draft);
  const root = {path: [], schemaPath: [], base: evaluator.resolver.rootBase};
  return evaluator.probe.descend(schema, metaschema, root)[0];
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
  const error = firstMetaschemaError(schema, draft);
  if (error) throw new InvalidSchemaError(error.message, 'metaschema', error.path);
  checkPatterns(schema, []);
}
