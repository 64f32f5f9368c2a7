// Writes the field reference of docs/policy-language.md from
// schemas/policy_dsl.schema.json (types, constraints and the descriptions in
// the schema) between `<!-- fields -->` and `<!-- fieldsstop -->`, so the
// reference says what the validator checks. Defaults are not JSON Schema's to
// say (the schema does not apply them); they are listed here, by field.
//
//   npm run docs:policy           rewrite docs/policy-language.md
//   npm run docs:policy -- --check  exit 1 when it is out of date
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const START = '<!-- fields -->';
export const STOP = '<!-- fieldsstop -->';

/** What enforcement does when a field is absent, by field path (as the reference's loader and gates behave). */
export const DEFAULTS: Readonly<Record<string, string>> = {
  extends: 'none: the policy stands alone',
  composition_strategy: 'none: the default merge (lists concatenated, mappings merged key by key, scalars from this policy)',
  description: 'none',
  effective_date: 'none: no first day',
  expiration_date: 'none: no last day',
  conditions: 'none: no named conditions',
  'conditions.<name>.required': '`false`',
  'conditions.<name>.default': 'none: a condition the context does not give is left out',
  tools: 'none: tool calls are not restricted',
  retry_policy: 'none',
  risk: 'none: no risk scoring',
  'risk.threshold': '`0.7`',
  'risk.factors': '`[]`: the score is 0',
  pre_conditions: 'none: no context is required',
  'pre_conditions.required.<key>.type': 'none: any type (`any` says the same)',
  'pre_conditions.optional': '`[]`',
  post_conditions: 'none: no postcondition',
  'post_conditions.optional': '`[]`',
  output_schema: 'none: the output is not checked (`schema_validation: skipped`)',
  guards: '`[]`',
};

interface Schema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  enum?: unknown[];
  minItems?: number;
  minProperties?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

interface Row {
  path: string;
  schema: Schema;
  required: boolean;
}

/** Every documented path of the schema below `path`, depth first, in the schema's order. */
export function fieldRows(schema: Schema, path = ''): Row[] {
  const rows: Row[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const child = path === '' ? name : `${path}.${name}`;
    rows.push({path: child, schema: property, required: required.has(name)});
    rows.push(...nestedRows(property, child));
  }
  return rows;
}

function nestedRows(schema: Schema, path: string): Row[] {
  const rows = fieldRows(schema, path);
  if (typeof schema.additionalProperties === 'object') {
    const placeholder = path === 'pre_conditions.required' ? `${path}.<key>` : `${path}.<name>`;
    rows.push({path: placeholder, schema: schema.additionalProperties, required: false});
    rows.push(...nestedRows(schema.additionalProperties, placeholder));
  }
  if (schema.items !== undefined && (schema.items.properties !== undefined || schema.items.description !== undefined)) {
    const item = `${path}[]`;
    if (schema.items.properties === undefined) rows.push({path: item, schema: schema.items, required: false});
    rows.push(...fieldRows(schema.items, item));
  }
  for (const alternative of schema.oneOf ?? []) rows.push(...nestedRows(alternative, path));
  return rows;
}

function typeText(schema: Schema): string {
  if (schema.oneOf !== undefined) return schema.oneOf.map(typeText).join(', or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  let text = type === 'array' ? `list${schema.items?.type ? ` of ${schema.items.type === 'object' ? 'mappings' : `${schema.items.type}s`}` : ''}` : type === 'object' ? 'mapping' : (type ?? 'any');
  if (schema.enum !== undefined && type !== 'array') text = `${text}: ${schema.enum.map((value) => `\`${JSON.stringify(value).replace(/^"|"$/g, '')}\``).join(', ')}`;
  const bounds = [
    schema.minItems !== undefined && `at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`,
    schema.minProperties !== undefined && `at least ${schema.minProperties} key${schema.minProperties === 1 ? '' : 's'}`,
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.pattern !== undefined && `matching \`${schema.pattern}\``,
  ].filter((bound): bound is string => typeof bound === 'string');
  return bounds.length === 0 ? text : `${text} (${bounds.join(', ')})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The generated reference: one section per top-level field, with a table of what it holds. */
export function fieldReference(schema: Schema): string {
  const rows = fieldRows(schema);
  const sections: string[] = [];
  for (const top of rows.filter((row) => !/[.[]/.test(row.path))) {
    const nested = rows.filter((row) => row.path.startsWith(`${top.path}.`) || row.path.startsWith(`${top.path}[]`));
    const lines = [`### \`${top.path}\``, '', top.schema.description ?? '', '', `- type: ${typeText(top.schema)}`, `- ${top.required ? 'required' : 'optional'}`];
    const fallback = DEFAULTS[top.path];
    if (fallback !== undefined) lines.push(`- default: ${fallback}`);
    if (nested.length > 0) {
      lines.push('', '| field | type | required | default | meaning |', '|---|---|---|---|---|');
      for (const row of nested) {
        lines.push(`| \`${row.path}\` | ${cell(typeText(row.schema))} | ${row.required ? 'yes' : 'no'} | ${cell(DEFAULTS[row.path] ?? '')} | ${cell(row.schema.description ?? '')} |`);
      }
    }
    sections.push(lines.join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

/** `doc` with the text between the markers replaced by the reference of `schema`. */
export function withFieldReference(doc: string, schema: Schema): string {
  const start = doc.indexOf(START);
  const stop = doc.indexOf(STOP);
  if (start < 0 || stop < start) throw new Error(`the markers ${START} and ${STOP} are missing`);
  return `${doc.slice(0, start + START.length)}\n\n${fieldReference(schema)}\n${doc.slice(stop)}`;
}

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const DOC_PATH = join(ROOT, 'docs', 'policy-language.md');
export const SCHEMA_PATH = join(ROOT, 'schemas', 'policy_dsl.schema.json');

function main(check: boolean): void {
  const current = readFileSync(DOC_PATH, 'utf8');
  const updated = withFieldReference(current, JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema);
  if (check) {
    if (updated !== current) {
      console.error('docs/policy-language.md: the field reference is out of date; run `npm run docs:policy`');
      process.exit(1);
    }
    return;
  }
  if (updated !== current) writeFileSync(DOC_PATH, updated);
  console.log('docs/policy-language.md: field reference written');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.includes('--check'));
