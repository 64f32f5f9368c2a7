// docs/test-suites.md: every key of the suite schema is documented, and the
// example suite runs as the page says.
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {aigc, EXAMPLE_POLICIES, REPO_ROOT, tempFolder} from '../cli/command-line.js';

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  definitions?: Record<string, Schema>;
}

const doc = readFileSync(join(REPO_ROOT, 'docs', 'test-suites.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'policy_test_suite.schema.json'), 'utf8')) as Schema;

/** Every property name the suite schema declares, following its references. */
function propertyNames(node: Schema, seen = new Set<Schema>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(node)) return names;
  seen.add(node);
  const target = node.$ref?.startsWith('#/definitions/') ? schema.definitions?.[node.$ref.split('/')[2] as string] : undefined;
  const children = [target, node.items, ...(node.anyOf ?? []), ...(node.oneOf ?? [])].filter((child): child is Schema => child !== undefined);
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    names.add(name);
    children.push(property);
  }
  for (const child of children) for (const name of propertyNames(child, seen)) names.add(name);
  return names;
}

const folders: Array<ReturnType<typeof tempFolder>> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

describe('docs/test-suites.md', () => {
  it('documents every key of the suite format', () => {
    const names = propertyNames(schema);
    expect(names.size).toBeGreaterThan(25);
    for (const name of names) expect(doc, name).toContain(`\`${name}\``);
  });

  it('shows an example suite that passes against the example policy, its skipped case skipped', async () => {
    const example = /<!-- suite: support\.test\.yaml -->\n```yaml\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const folder = tempFolder('aigc-doc-');
    folders.push(folder);
    cpSync(EXAMPLE_POLICIES, join(folder.path, 'policies'), {recursive: true});
    mkdirSync(join(folder.path, 'tests'));
    writeFileSync(join(folder.path, 'tests', 'support.test.yaml'), `${example}\n`);
    const run = await aigc(['policy', 'test', 'tests', '-f', 'text'], {cwd: folder.path});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^5 passed, 0 failed, 1 skipped$/m);
  });
});
