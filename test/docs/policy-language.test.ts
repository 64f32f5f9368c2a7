// docs/policy-language.md: its field reference is the schema's, every field of
// the policy schema is documented, and its examples do what the page says.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {DEFAULTS, DOC_PATH, fieldRows, SCHEMA_PATH, withFieldReference} from '../../scripts/policy-language-doc.js';
import {parseGuardSyntax} from '../../src/guards/index.js';
import {aigc, tempFolder} from '../cli/command-line.js';

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
}

const doc = readFileSync(DOC_PATH, 'utf8');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema;

/** Every property the schema declares, as the path the page names it by, with its schema. */
function schemaProperties(node: Schema, path: string): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    const child = path === '' ? name : `${path}.${name}`;
    found.push([child, property], ...schemaProperties(property, child));
  }
  if (typeof node.additionalProperties === 'object') {
    const child = `${path}.${path.endsWith('pre_conditions.required') ? '<key>' : '<name>'}`;
    found.push([child, node.additionalProperties], ...schemaProperties(node.additionalProperties, child));
  }
  if (node.items !== undefined) found.push(...schemaProperties(node.items, `${path}[]`));
  for (const alternative of node.oneOf ?? []) found.push(...schemaProperties(alternative, path));
  return found;
}

function example(name: string): string {
  const block = new RegExp(`<!-- policy: ${name.replace(/\./g, '\\.')} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (block === null) throw new Error(`docs/policy-language.md has no example ${name}`);
  return `${block[1]}\n`;
}

const folders: Array<ReturnType<typeof tempFolder>> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

describe('docs/policy-language.md', () => {
  it('has the field reference generated from the policy schema as it is now (npm run docs:policy)', () => {
    expect(withFieldReference(doc, schema as never)).toBe(doc);
  });

  it('documents every property of the policy schema, each with a description in the schema', () => {
    const properties = schemaProperties(schema, '');
    expect(properties.length).toBeGreaterThan(40);
    for (const [path, property] of properties) {
      expect(doc, path).toContain(`\`${path}\``);
      expect(property.description ?? '', `${path} has no description in the schema`).not.toBe('');
    }
  });

  it('gives defaults only for fields the schema has', () => {
    const paths = new Set(fieldRows(schema as never).map((row) => row.path));
    for (const path of Object.keys(DEFAULTS)) expect(paths.has(path), path).toBe(true);
  });

  it('opens with a whole policy that lints without a finding', async () => {
    const folder = tempFolder('aigc-doc-');
    folders.push(folder);
    folder.file('policy.yaml', example('whole'));
    const lint = await aigc(['policy', 'lint', 'policy.yaml', '-f', 'text'], {cwd: folder.path});
    expect(lint.stdout, lint.stdout).toBe('');
    expect(lint.code).toBe(0);
  });

  it('shows guard expressions that parse', () => {
    const guards = parse(example('guards')).guards as Array<{when: {condition: string}}>;
    expect(guards.length).toBeGreaterThan(2);
    for (const guard of guards) expect(parseGuardSyntax(guard.when.condition).ok, guard.when.condition).toBe(true);
  });

  it('composes the worked example into the roles its table gives for each strategy', async () => {
    const table = /^\| `roles` \| (.+) \|$/m.exec(doc)?.[1]?.split(' | ');
    expect(table).toHaveLength(4);
    const folder = tempFolder('aigc-doc-');
    folders.push(folder);
    folder.file('base-governance.yaml', example('base-governance.yaml'));
    const child = example('child.yaml');
    const strategies = ['', 'union', 'intersect', 'replace'];
    for (const [index, strategy] of strategies.entries()) {
      const written = strategy === '' ? child.replace(/^composition_strategy: .*\n/m, '') : child.replace(/^composition_strategy: .*$/m, `composition_strategy: ${strategy}`);
      writeFileSync(join(folder.path, 'child.yaml'), written);
      const run = await aigc(['policy', 'validate', 'child.yaml', '--print', '--json'], {cwd: folder.path});
      expect(run.code, run.stderr).toBe(0);
      const effective = JSON.parse(run.stdout);
      const roles = effective.files[0].policy.roles as string[];
      expect(roles.join(', '), strategy || 'default').toBe(table?.[index]);
    }
  });
});
