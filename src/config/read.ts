// Finding and reading the project config: `.aigc.yaml` (or `.aigc.yml`) in a
// folder or the nearest folder above it, read with the policy reader's YAML
// rules and checked against schemas/aigc-config.schema.json. A problem is one
// `ConfigFileError` at the line it is written on, an unknown key named with
// the key likely meant, as suite problems are.

import path from 'node:path';
import {fileProblemCode, readRegularFile} from '../files/regular-file.js';
import {bestMatch, type CompiledSchema, compileSchema} from '../jsonschema/index.js';
import {unknownKeyOf} from '../jsonschema/unknown-key.js';
import {firstInvalidUtf8Offset} from '../policy/read.js';
import {readYaml, type YamlDocument, type YamlPath, YamlSyntaxError} from '../policy/yaml.js';
import {isDict, PyDate, PyDateTime, type PyDict, type PyValue, pyTypeName, toPlain} from '../python/values.js';
import {readShippedSchema} from '../schemas.js';
import {locationIn} from '../source-location.js';
import {timestampText} from '../testing/clock.js';
import {dottedPath} from '../testing/suite-problems.js';
import {ConfigFileError} from './errors.js';
import type {AigcProjectConfig, ProjectConfig} from './types.js';

/** A config file is a few lines; anything near this size is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and checks the config at `file` (shown as given, read relative to `cwd`). */
export function readProjectConfig(file: string, cwd: string): ProjectConfig {
  const absolute = path.resolve(cwd, file);
  const read = readRegularFile(absolute, MAX_CONFIG_BYTES);
  if (!read.ok) throw new ConfigFileError(`cannot read the config file: ${fileProblemCode(read.problem)}`, 'UNREADABLE', {file});
  if (firstInvalidUtf8Offset(read.bytes) !== read.bytes.length) throw new ConfigFileError('cannot read the config file: not UTF-8', 'UNREADABLE', {file});
  const document = readConfigYaml(read.bytes.toString('utf8'), file);
  // An empty file configures nothing.
  const value = document.value === null ? {} : document.value;
  if (isDict(value)) normalizeNow(value);
  const problem = configSchemaProblem(value, document, file);
  if (problem) throw problem;
  return {file, folder: path.dirname(absolute), settings: toPlain(value) as AigcProjectConfig};
}

function readConfigYaml(text: string, file: string): YamlDocument {
  try {
    return readYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new ConfigFileError(`invalid YAML: ${error.reason}`, 'SYNTAX', locationIn(file, error.range));
    throw error;
  }
}

/** An unquoted `now: 2026-01-01T00:00:00Z` is a YAML timestamp; it means the instant written. */
function normalizeNow(config: PyDict): void {
  if (config.now instanceof PyDateTime || config.now instanceof PyDate) config.now = timestampText(config.now);
}

let compiled: {schema: PyDict; validator: CompiledSchema} | undefined;

function configSchema(): {schema: PyDict; validator: CompiledSchema} {
  if (!compiled) {
    const schema = readShippedSchema('config') as PyDict;
    compiled = {schema, validator: compileSchema(schema, {defaultDraft: 'draft7'})};
  }
  return compiled;
}

function configSchemaProblem(value: PyValue, document: YamlDocument, file: string): ConfigFileError | undefined {
  // Named by its type, not quoted: the path may point at anything (a link to a secret).
  if (value !== null && !isDict(value)) return new ConfigFileError(`the top level is not a mapping (it is a ${pyTypeName(value)})`, 'SCHEMA', locationIn(file, document.rangeOf([])));
  const {schema, validator} = configSchema();
  const error = bestMatch(validator.iterErrors(value));
  if (error === undefined) return undefined;
  const at = error.path as YamlPath;
  const where = at.length === 0 ? '' : `${dottedPath(at)}: `;
  const unknown = unknownKeyOf(error, schema);
  if (unknown !== undefined) {
    const range = document.rangeOf([...at, unknown.key], 'key');
    return new ConfigFileError(`${where}unknown key '${unknown.key}'${unknown.hint}`, 'SCHEMA', locationIn(file, range));
  }
  return new ConfigFileError(`${where}${error.message}`, 'SCHEMA', locationIn(file, document.rangeOf(at)));
}
