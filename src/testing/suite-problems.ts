// Why a suite does not fit schemas/policy_test_suite.schema.json, told as one
// problem at the line it is written on and in the suite author's terms: an
// unknown key by name (with the key likely meant), a case mixing the two case
// shapes, keys that exclude each other; else python-jsonschema's best match.
// Where the schema offers alternatives (a case's two shapes, an expectation's
// two forms), the one the value is written in is followed, so the problem is
// found inside it rather than reported as "not valid under any of the given schemas".

import {bestMatch, type CompiledSchema, compileSchema, mostRelevant, type SchemaError} from '../jsonschema/index.js';
import {unknownKeyOf} from '../jsonschema/unknown-key.js';
import type {YamlDocument, YamlPath} from '../policy/yaml.js';
import {isDict, isList, pyTypeName, type PyDict, type PyValue} from '../python/values.js';
import {readShippedSchema} from '../schemas.js';
import {shapeOfCase} from './case-shape.js';
import {locationIn} from '../source-location.js';
import {TestingFileError} from './errors.js';

let compiled: {schema: PyDict; validator: CompiledSchema} | undefined;

function suiteSchema(): {schema: PyDict; validator: CompiledSchema} {
  if (!compiled) {
    const schema = readShippedSchema('policy-test-suite') as PyDict;
    compiled = {schema, validator: compileSchema(schema, {defaultDraft: 'draft7'})};
  }
  return compiled;
}

/** The problem to report for a suite the schema refuses (the most relevant of all); undefined when it fits. */
export function suiteSchemaProblem(value: PyValue, document: YamlDocument, file: string): TestingFileError | undefined {
  // An empty file (or one of comments only) is YAML's null: say so, not python-jsonschema's "None is not of type 'object'".
  if (value === null) return located('the suite file is empty: a suite is a YAML mapping with a cases list (aigc schema policy-test-suite prints its schema)', [], document, file);
  if (!isDict(value)) return notAMapping(value, document, file);
  const {schema, validator} = suiteSchema();
  const error = mostRelevant(validator.iterErrors(value));
  return error === undefined ? undefined : problemOf(error, schema, document, file);
}

/**
 * Every problem of a suite the schema refuses, one per part written wrong
 * (each case, each other top-level key), in source order. Empty when the suite fits.
 */
export function suiteSchemaProblems(value: PyValue, document: YamlDocument, file: string): TestingFileError[] {
  if (value !== null && !isDict(value)) return [notAMapping(value, document, file)];
  const {schema, validator} = suiteSchema();
  const groups = new Map<string, SchemaError[]>();
  for (const error of validator.iterErrors(value)) {
    const key = partOf(error.path);
    groups.set(key, [...(groups.get(key) ?? []), error]);
  }
  const problems = [...groups.values()].map((group) => problemOf(mostRelevant(group)!, schema, document, file));
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * A top level that is not a mapping is named by its type, not quoted: the
 * file may be anything a path was pointed at (a link to a secret, a log), and
 * python-jsonschema's message would print all of it.
 */
function notAMapping(value: PyValue, document: YamlDocument, file: string): TestingFileError {
  return located(`the top level is not a mapping (it is a ${pyTypeName(value)}): a suite is a YAML mapping with a cases list (aigc schema policy-test-suite prints its schema)`, [], document, file);
}

/** Which part of the suite an error is in: a case, or a top-level key. */
function partOf(path: ReadonlyArray<string | number>): string {
  if (path[0] === 'cases' && typeof path[1] === 'number') return `cases/${path[1]}`;
  return path.length === 0 ? '' : String(path[0]);
}

function problemOf(start: SchemaError, schema: PyDict, document: YamlDocument, file: string): TestingFileError {
  let error = start;
  for (;;) {
    const branch = branchWritten(error, document, file);
    if (branch instanceof TestingFileError) return branch;
    if (branch === undefined) break;
    const depth = error.schemaPath.length;
    const inBranch = mostRelevant(error.context.filter((inner) => inner.schemaPath[depth] === branch));
    if (inBranch === undefined) break;
    error = inBranch;
  }
  return describe(bestMatch([error]) ?? error, schema, document, file);
}

/**
 * Which alternative of an `anyOf`/`oneOf` the value is written in: a case's
 * shape (0 ours, 1 the reference's), an expectation's form (0 the bare
 * verdict, 1 the object). A case mixing both shapes is a problem of its own.
 */
function branchWritten(error: SchemaError, document: YamlDocument, file: string): number | TestingFileError | undefined {
  const {path, instance} = error;
  const inCase = path.length >= 2 && path[0] === 'cases' && typeof path[1] === 'number';
  if (error.validator === 'anyOf' && inCase && path.length === 2 && isDict(instance)) {
    const shape = shapeOfCase(instance);
    if ('mixed' in shape) {
      const {ours, reference} = shape.mixed;
      const message = `${dottedPath(path)}: mixes keys of the reference's PolicyTestCase shape (${reference.join(', ')}) with keys of ours (${ours.join(', ')}); write the case in one shape`;
      return located(message, path as YamlPath, document, file);
    }
    return shape.shape === 'ours' ? 0 : 1;
  }
  if (error.validator === 'oneOf' && inCase && path.length === 3 && path[2] === 'expect') {
    if (typeof instance === 'string') return 0;
    if (isDict(instance)) return 1;
  }
  return undefined;
}

function describe(error: SchemaError, schema: PyDict, document: YamlDocument, file: string): TestingFileError {
  const path = error.path as YamlPath;
  const where = path.length === 0 ? '' : `${dottedPath(path)}: `;
  const instance = error.instance;
  const unknown = unknownKeyOf(error, schema);
  if (unknown !== undefined) return located(`${where}unknown key '${unknown.key}'${unknown.hint}`, [...path, unknown.key], document, file, 'key');
  if (error.validator === 'not' && isDict(instance)) {
    const given = requiredKeys(error.validatorValue).filter((key) => Object.hasOwn(instance, key));
    if (given.length > 0) {
      const message = error.schemaPath.includes('then')
        ? `${where}\`invocation\` is the whole invocation: give ${given.join(', ')} inside it, or leave \`invocation\` out`
        : `${where}${given.join(' and ')} cannot be given together`;
      return located(message, path, document, file);
    }
  }
  return located(`${where}${error.message}`, path, document, file);
}

function located(message: string, path: YamlPath, document: YamlDocument, file: string, part?: 'key'): TestingFileError {
  const range = document.rangeOf(path, part);
  return new TestingFileError(message, 'SCHEMA', locationIn(file, range));
}

/** The keys a `not` forbids together: its `required`, or those of its `anyOf` branches. */
function requiredKeys(forbidden: PyValue | undefined): string[] {
  if (!isDict(forbidden)) return [];
  if (isList(forbidden.required)) return forbidden.required.filter((key): key is string => typeof key === 'string');
  if (isList(forbidden.anyOf)) return forbidden.anyOf.flatMap((branch) => requiredKeys(branch));
  return [];
}

/** `cases[0].expect.gate`: a path as suite authors write it. */
export function dottedPath(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`)).join('');
}
