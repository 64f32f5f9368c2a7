#!/usr/bin/env node
// Generates src/types/generated/*.ts from the JSON Schemas in schemas/, so a
// format change is made once, in the schema. `--check` writes nothing and
// exits 1 when a generated file is missing, stale or no longer has a schema.
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {compile} from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const outDir = join(root, 'src', 'types', 'generated');
const SCHEMA_SUFFIX = '.schema.json';

const banner = (source) =>
  [
    '/**',
    ` * Generated from ${source} by scripts/gen-types.js. Do not edit by hand:`,
    ' * change the schema, then run `npm run gen:types`.',
    ' */',
  ].join('\n');

const compileOptions = {
  additionalProperties: true,
  ignoreMinAndMaxItems: true,
  unknownAny: true,
  strictIndexSignatures: false,
  format: true,
  style: {singleQuote: true, bracketSpacing: false, printWidth: 120},
};

async function schemaFiles() {
  const names = await readdir(schemaDir);
  return names.filter((name) => name.endsWith(SCHEMA_SUFFIX)).sort();
}

function moduleName(schemaFile) {
  return schemaFile.slice(0, -SCHEMA_SUFFIX.length);
}

/**
 * Siblings of `$ref` are annotations for editors (draft-07 ignores them when
 * validating); dropping them lets every use of a definition share one type.
 */
function withoutRefSiblings(node) {
  if (Array.isArray(node)) return node.map(withoutRefSiblings);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return {$ref: node.$ref};
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutRefSiblings(value)]));
}

/**
 * A `$ref` into an object's `properties` replaced by the member's schema, as
 * `asDictType` moves members (json-schema-to-typescript gives such a member
 * the type it would anyway).
 */
function withMemberRefsInlined(root, node = root) {
  if (Array.isArray(node)) return node.map((item) => withMemberRefsInlined(root, item));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/') && node.$ref.includes('/properties/')) {
    const target = node.$ref.slice(2).split('/').reduce((at, token) => at[token.replaceAll('~1', '/').replaceAll('~0', '~')], root);
    return withMemberRefsInlined(root, target);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withMemberRefsInlined(root, value)]));
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf'];
const CONSTRAINTS = ['type', '$ref', 'enum', 'const', 'properties', 'items', ...SCHEMA_LISTS, 'not'];

/** How the runtime holds each JSON type (src/python/values.ts). */
const RUNTIME_TYPES = {
  string: 'string',
  boolean: 'boolean',
  null: 'null',
  // Exact big integers are bigints and integral floats (`1.0`) PyFloats; draft-07 counts `1.0` as an integer.
  number: 'number | bigint | PyFloat',
  integer: 'number | bigint | PyFloat',
};

/**
 * The schema typed as the runtime holds its values (what `parseJson` and the
 * YAML reader give, and what the engine returns): numbers in the value model,
 * a value the schema does not constrain as `PyValue`, an object as `PyDict`
 * and its declared members, so every type is assignable to `PyDict`, the
 * type the library's functions take (json-schema-to-typescript would write
 * `number`, `unknown` and interfaces, which a PyDict parameter refuses).
 */
function asRuntimeValues(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = {...schema};
  for (const key of SCHEMA_MAPS) {
    if (out[key]) out[key] = Object.fromEntries(Object.entries(out[key]).map(([name, value]) => [name, asRuntimeValues(value)]));
  }
  for (const key of SCHEMA_VALUES) if (out[key]) out[key] = asRuntimeValues(out[key]);
  for (const key of SCHEMA_LISTS) if (Array.isArray(out[key])) out[key] = out[key].map(asRuntimeValues);
  if (!CONSTRAINTS.some((key) => key in out)) return {...out, tsType: 'PyValue'};
  const types = typeof out.type === 'string' ? [out.type] : (out.type ?? []);
  if (types.some((type) => type === 'number' || type === 'integer') && types.every((type) => type in RUNTIME_TYPES)) {
    return {...out, tsType: types.map((type) => RUNTIME_TYPES[type]).join(' | ')};
  }
  if (types.includes('array') && out.items === undefined) out.items = {tsType: 'PyValue'};
  const isObject = types.length === 1 && types[0] === 'object';
  return isObject ? asDictType(out) : out;
}

/**
 * An object schema as a type alias (an interface is not assignable to an index
 * signature): `PyDict` when it only has free members, `PyDict & {…}` when it
 * has declared ones beside them (TypeScript refuses an optional member beside
 * a `PyValue` index signature), `{…}` when it allows no others.
 */
function asDictType(schema) {
  const {properties, required, additionalProperties, patternProperties, ...outer} = schema;
  const open = additionalProperties === undefined || additionalProperties === true;
  if (open && properties === undefined && patternProperties === undefined) return {...outer, tsType: 'PyDict'};
  const members = {type: 'object', properties, required, patternProperties, additionalProperties: open ? false : additionalProperties};
  for (const key of Object.keys(members)) if (members[key] === undefined) delete members[key];
  return {...outer, allOf: open ? [{tsType: 'PyDict'}, members] : [members]};
}

/** Imports the value-model types the code names, after the banner. */
function withValueImports(code) {
  const used = ['PyDict', 'PyFloat', 'PyValue'].filter((name) => new RegExp(`\\b${name}\\b`).test(code));
  if (used.length === 0) return code;
  const bannerEnd = code.indexOf('*/') + 2;
  return `${code.slice(0, bannerEnd)}\n\nimport type {${used.join(', ')}} from '../../python/values.js';${code.slice(bannerEnd)}`;
}

/** Name of the root type, the one compile() exports for the schema's title. */
function rootTypeName(schema) {
  return String(schema.title)
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, next) => (next ? next.toUpperCase() : ''))
    .replace(/^./, (first) => first.toUpperCase());
}

async function generate() {
  const outputs = new Map();
  for (const file of await schemaFiles()) {
    const schema = JSON.parse(await readFile(join(schemaDir, file), 'utf8'));
    const source = relative(root, join(schemaDir, file)).split('\\').join('/');
    const code = await compile(asRuntimeValues(withMemberRefsInlined(withoutRefSiblings(schema))), rootTypeName(schema), {
      ...compileOptions,
      bannerComment: banner(source),
      cwd: schemaDir,
    });
    outputs.set(`${moduleName(file)}.ts`, withValueImports(code));
  }
  outputs.set('index.ts', indexModule(outputs));
  return outputs;
}

/**
 * Re-exports every named type once; definitions embedded in several schemas
 * (the clock, invocation fields) come from the first module that declares them.
 */
function indexModule(outputs) {
  const exported = new Set();
  const lines = [];
  for (const [name, code] of outputs) {
    const types = [...code.matchAll(/^export (?:interface|type) (\w+)/gm)]
      .map((match) => match[1])
      .filter((type) => !exported.has(type));
    for (const type of types) exported.add(type);
    if (types.length > 0) lines.push(`export type {${types.join(', ')}} from './${name.slice(0, -3)}.js';`);
  }
  return `${banner('schemas/*.schema.json')}\n\n${lines.join('\n')}\n`;
}

async function existingFiles() {
  try {
    return (await readdir(outDir)).filter((name) => name.endsWith('.ts'));
  } catch {
    return [];
  }
}

async function readOrNull(path) {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function check(outputs) {
  const stale = [];
  for (const [name, code] of outputs) {
    if ((await readOrNull(join(outDir, name))) !== code) stale.push(name);
  }
  for (const name of await existingFiles()) {
    if (!outputs.has(name)) stale.push(`${name} (no schema)`);
  }
  if (stale.length > 0) {
    process.stderr.write(
      `Generated types are stale in src/types/generated:\n${stale.map((name) => `  ${name}`).join('\n')}\nRun \`npm run gen:types\`.\n`,
    );
    return 1;
  }
  process.stderr.write(`Generated types are up to date (${outputs.size} files).\n`);
  return 0;
}

async function write(outputs) {
  await mkdir(outDir, { recursive: true });
  for (const name of await existingFiles()) {
    if (!outputs.has(name)) await rm(join(outDir, name));
  }
  for (const [name, code] of outputs) {
    await writeFile(join(outDir, name), code);
  }
  process.stderr.write(`Wrote ${outputs.size} files to src/types/generated.\n`);
  return 0;
}

const outputs = await generate();
process.exitCode = process.argv.includes('--check') ? await check(outputs) : await write(outputs);
