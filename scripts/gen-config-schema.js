#!/usr/bin/env node
// Generates schemas/aigc-config.schema.json, the schema of the project config
// (`.aigc.yaml`), from the code it configures, so it cannot drift from it:
// each command section from the flags its spec lets the config give (types,
// values, help), `lint.rules` from the lint rule registry. Reads the built
// modules (`npm run build` first). `--check` writes nothing and exits 1 when
// the file is stale.
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeOrCheck} from './generated-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'schemas', 'aigc-config.schema.json');

const {COMMANDS} = await import(join(root, 'dist/src/cli/start/commands.js'));
const {RULE_METADATA} = await import(join(root, 'dist/src/policy/lint/rules.js'));
const {CONFIGURABLE_RULE_SEVERITIES, UNCONFIGURABLE_RULES} = await import(join(root, 'dist/src/config/types.js'));

function flagSchema(flag) {
  const description = flag.description;
  if (flag.type === 'boolean') return {type: 'boolean', description};
  if (flag.type === 'integer') return flag.min === undefined ? {type: 'integer', description} : {type: 'integer', minimum: flag.min, description};
  const one = flag.choices ? {type: 'string', enum: [...flag.choices]} : flag.numeric ? {type: ['number', 'string']} : {type: 'string'};
  if (flag.multiple) return {description, anyOf: [one, {type: 'array', items: one}]};
  return {...one, description};
}

function sectionSchema(spec) {
  const command = spec.id.split(':').join(' ');
  const properties = {};
  for (const name of spec.config.flags) if (name !== 'now') properties[name] = flagSchema(spec.flags[name]);
  if (spec.config.section === 'lint') properties.rules = rulesSchema();
  return {
    type: 'object',
    description: `Defaults for \`aigc ${command}\`: each key is the flag of that name; a flag given on the command line wins.`,
    additionalProperties: false,
    properties,
  };
}

function rulesSchema() {
  const properties = {};
  for (const rule of RULE_METADATA) {
    if (UNCONFIGURABLE_RULES.includes(rule.id)) continue;
    properties[rule.id] = {enum: [...CONFIGURABLE_RULE_SEVERITIES], description: `${rule.description} (default: ${rule.severity})`};
  }
  return {
    type: 'object',
    description: `The severity of lint rules by id: error, warning, or off (the rule does not run). ${UNCONFIGURABLE_RULES.join(', ')} cannot be changed: a file that cannot be read is never passed over.`,
    additionalProperties: false,
    properties,
  };
}

const fileSet = {
  type: 'object',
  description:
    'Which files are of this kind, by glob patterns relative to the folder of the config file. A folder walk takes a file when it matches an include pattern and no exclude pattern; a file named on the command line is always taken.',
  additionalProperties: false,
  properties: {
    include: {type: 'array', items: {type: 'string', minLength: 1}, description: 'Glob patterns (fast-glob syntax: *, **, {a,b}) of the files to take.'},
    exclude: {type: 'array', items: {type: 'string', minLength: 1}, description: 'Glob patterns of files not to take, even when an include pattern matches them.'},
  },
};

const sections = Object.fromEntries(
  COMMANDS.filter(({spec}) => spec.config !== undefined).map(({spec}) => [spec.config.section, sectionSchema(spec)]),
);

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://aigc.dev/schemas/aigc-config.schema.json',
  title: 'AigcProjectConfig',
  description:
    'The project config of aigc (`.aigc.yaml`): found in the working folder or the nearest folder above it, or named with --config. Generated from the command specs and the lint rules by scripts/gen-config-schema.js.',
  type: 'object',
  additionalProperties: false,
  properties: {
    now: {type: ['number', 'string'], description: 'The clock of every command that takes --now (epoch seconds, or an ISO-8601 instant in quotes), for deterministic runs.'},
    policies: {...fileSet, description: `Which YAML files are policies. ${fileSet.description}`},
    suites: {...fileSet, description: `Which YAML files are policy test suites. ${fileSet.description}`},
    ...sections,
  },
};

const text = `${JSON.stringify(schema, null, 2)}\n`;
writeOrCheck(target, text, {script: 'gen-config-schema', root});
