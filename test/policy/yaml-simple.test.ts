// The fast reader of plain block YAML (src/policy/yaml/simple.ts) against the
// full reader: wherever it reads a document, it must give the same values
// (aliases the same shared objects) and the same positions for every key and
// value; and it must read the documents it exists for.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readYaml, type YamlDocument, type YamlPath} from '../../src/policy/yaml.js';
import {readSimpleYaml} from '../../src/policy/yaml/simple.js';
import {isDict, isList, type PyValue, pyKeys} from '../../src/python/values.js';
import {REPO_ROOT} from '../testing/helpers.js';
import {seededRandom} from '../seeded-random.js';

/** Every path in a value, aliases walked once (by identity). */
function paths(value: PyValue, at: YamlPath = [], seen = new Set<object>()): YamlPath[] {
  const found: YamlPath[] = [at];
  if ((isDict(value) || isList(value)) && !seen.has(value)) {
    seen.add(value);
    const keys: (string | number)[] = isList(value) ? value.map((_, index) => index) : pyKeys(value);
    for (const key of keys) found.push(...paths(isList(value) ? value[key as number] : (value as Record<string, PyValue>)[key], [...at, key], seen));
  }
  return found;
}

/** The value with shared objects numbered, so that aliasing is compared too. */
function shape(value: PyValue, ids = new Map<object, number>()): unknown {
  if (!isDict(value) && !isList(value)) return value;
  const id = ids.get(value);
  if (id !== undefined) return {alias: id};
  ids.set(value, ids.size);
  if (isList(value)) return {id: ids.get(value), list: value.map((item) => shape(item, ids))};
  return {id: ids.get(value), dict: pyKeys(value).map((key) => [key, shape(value[key], ids)])};
}

/** Reads `text` both ways; undefined when the fast reader leaves it to the full one. */
function bothWays(text: string): {simple: YamlDocument; full: YamlDocument} | undefined {
  let full: YamlDocument;
  try {
    full = readYaml(text);
  } catch (error) {
    // A document the full reader refuses is refused the same way with the fast reader first.
    expect(() => readYaml(text, {simpleFirst: true})).toThrow((error as Error).message);
    return undefined;
  }
  if (readSimpleYaml(text) === undefined) return undefined;
  return {simple: readYaml(text, {simpleFirst: true}), full};
}

function expectSameReading(text: string): boolean {
  const read = bothWays(text);
  if (read === undefined) return false;
  const {simple, full} = read;
  expect(simple.value).toStrictEqual(full.value);
  expect(shape(simple.value)).toStrictEqual(shape(full.value));
  for (const path of paths(full.value)) {
    expect(simple.rangeOf(path), `value range at /${path.join('/')}`).toEqual(full.rangeOf(path));
    expect(simple.rangeOf(path, 'key'), `key range at /${path.join('/')}`).toEqual(full.rangeOf(path, 'key'));
  }
  return true;
}

const SCALARS = [
  'plain text',
  'planner',
  '42',
  '-7',
  '0.5',
  '1e3',
  '0x1F',
  '017',
  '1_000',
  '3:25:45',
  'true',
  'Yes',
  'off',
  'null',
  '~',
  '.inf',
  '-.5',
  '.nan',
  '2026-01-01',
  '2026-01-01T10:00:00Z',
  '2026-02-30',
  "'single ''quoted'' text'",
  '"double \\"quoted\\" \\u00e9 \\n text"',
  '"\\x41"',
  "''",
  '""',
  'a#b',
  'http://example.com/x',
  'trailing   ',
  "it's",
  'a, b [c] {d}',
  '=',
  '<<',
  '*unknown',
  '&anchor value',
  '!!str tagged',
  '|',
  '>-',
  '%x',
  '@x',
  '`x',
  '? x',
  '- x',
  'a: b',
  'ends:',
];
/** Scalars the fast reader reads (most generated values, so most documents are read by it). */
const COMMON = SCALARS.slice(0, 31);
const FLOWS = ['[]', '{}', '[a, b, 1, true]', '{result: fail, gate: role_validation}', '[a, [b, c], {d: 1}]', "{a: 'x', b: \"y\"}", '[a, b,]', '{a: 1, a: 2}', '[a: 1]', '{a:1}', '[a, ]', '[ a ,b ]'];
const KEYS = ['name', 'input_checksum', 'a.b', 'x/y', 'k-1', "'quoted key'", '"dq"', 'true', 'null', '1', 'on', 'key with space'];

function generatedDocument(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const lines: string[] = [];
  if (next() < 0.3) lines.push('# a header comment');
  let anchors = 0;
  const mapping = (indent: string, depth: number, count: number) => {
    const used = new Set<string>();
    for (let n = 0; n < count; n++) {
      let key = next() < 0.9 ? pick(KEYS.slice(0, 7)) : pick(KEYS);
      if (used.has(key) && next() < 0.9) key = `${key}${n}`;
      used.add(key);
      const choice = next();
      const comment = next() < 0.1 ? '  # note' : '';
      if (choice < 0.4 || depth > 3) lines.push(`${indent}${key}: ${next() < 0.85 ? pick(COMMON) : pick(SCALARS)}${comment}`);
      else if (choice < 0.5) lines.push(`${indent}${key}: ${pick(FLOWS)}${comment}`);
      else if (choice < 0.6) {
        lines.push(`${indent}${key}: &a${anchors}`);
        anchors++;
        mapping(`${indent}  `, depth + 1, 1 + Math.floor(next() * 3));
      } else if (choice < 0.68 && anchors > 0) lines.push(`${indent}${key}: *a${Math.floor(next() * anchors)}${comment}`);
      else if (choice < 0.75) lines.push(`${indent}${key}:${next() < 0.2 ? '  ' : ''}`);
      else if (choice < 0.87) {
        lines.push(`${indent}${key}:`);
        mapping(`${indent}  `, depth + 1, 1 + Math.floor(next() * 3));
      } else {
        lines.push(`${indent}${key}:`);
        const itemIndent = next() < 0.5 ? indent : `${indent}  `;
        for (let item = 0; item < 1 + Math.floor(next() * 3); item++) {
          const form = next();
          if (form < 0.4) lines.push(`${itemIndent}- ${next() < 0.85 ? pick(COMMON) : pick(SCALARS)}`);
          else if (form < 0.5) lines.push(`${itemIndent}- ${pick(FLOWS)}`);
          else if (form < 0.55 && anchors > 0) lines.push(`${itemIndent}- *a${Math.floor(next() * anchors)}`);
          else if (form < 0.62) {
            lines.push(`${itemIndent}- &a${anchors}`);
            anchors++;
            mapping(`${itemIndent}  `, depth + 1, 1 + Math.floor(next() * 2));
          } else {
            const before = lines.length;
            mapping(`${itemIndent}  `, depth + 1, 1 + Math.floor(next() * 3));
            lines[before] = `${itemIndent}- ${lines[before].trimStart()}`;
          }
        }
      }
      if (next() < 0.05) lines.push('');
      if (next() < 0.005) lines.push(`${indent}# a comment line`);
    }
  };
  mapping('', 0, 2 + Math.floor(next() * 4));
  return `${lines.join('\n')}${next() < 0.9 ? '\n' : ''}`;
}

function yamlFilesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(REPO_ROOT, folder))) {
    const path = join(folder, name);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) files.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
  return files;
}

describe('the fast reader of plain block YAML', () => {
  it('reads generated documents as the full reader does, or leaves them to it', () => {
    const next = seededRandom(20261205);
    let read = 0;
    for (let n = 0; n < 1500; n++) {
      const text = generatedDocument(next);
      try {
        if (expectSameReading(text)) read++;
      } catch (error) {
        throw new Error(`document ${n}:\n${text}\n${(error as Error).message}`);
      }
    }
    expect(read).toBeGreaterThan(300);
  });

  it('reads the scalars and flow collections of the PyYAML vectors as the full reader does', () => {
    const vectors = JSON.parse(readFileSync(join(REPO_ROOT, 'test/data/yaml/pyyaml-vectors.json'), 'utf8')) as {yaml: string}[];
    for (const {yaml} of vectors.filter((vector) => !vector.yaml.trim().includes('\n'))) {
      expectSameReading(`value: ${yaml.trim()}\n`);
      expectSameReading(`list:\n- ${yaml.trim()}\n`);
    }
  });

  it('reads every YAML file of the project as the full reader does, or leaves it to it', () => {
    for (const file of [...yamlFilesUnder('fixtures'), ...yamlFilesUnder('policies'), ...yamlFilesUnder('test/data'), ...yamlFilesUnder('test/schemas/examples')]) {
      try {
        expectSameReading(readFileSync(join(REPO_ROOT, file), 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
    }
  });

  it('reads edge cases of layout alike: nulls closing nested blocks, blank lines, indentless sequences, no final line break', () => {
    const documents = [
      'a:\n  b: 1\n  c:\nd: 2\n',
      'a:\n  b:\n    c:\n  d:\ne:\n',
      'a:\n- x\n-  y\n\nb:\n  - c: 1\n\n    d: 2\n  - e\n',
      'a: &x\n  b: [1, {c: d}]\nlist:\n- &y\n  k: v\n- *y\n- *x\nlast: *x',
      'k: v  # comment\n\n\n',
      "q: 'it''s'\nd: \"tab\\there \\u00e9 \\/ \\\\ \\\"\"\n",
      'a:\n  b: 1\n# a comment line\nc: 2\n',
      'a: 1\na: 2\n',
      'a: x\u2028y\n',
    ];
    const read = documents.map((text) => expectSameReading(text));
    expect(read).toEqual([true, true, true, true, true, true, false, false, false]);
  });

  it('reads suites as PyYAML dumps them (anchors, aliases, quoted strings) and as people write them', () => {
    const dumped = [
      'suite: generated',
      'now: 1700000000',
      'cases:',
      '- name: 0 base',
      '  input: &id001',
      '    task: x',
      '  context: &id002',
      '    role_declared: true',
      '  tool_calls: &id003',
      '  - &id004',
      '    name: search',
      '  - *id004',
      '  expect: &id005',
      '    result: fail',
      "    reason: 'Precondition ''role_declared'' validation failed: ''yes'' is not of type ''boolean'''",
      "    artifact: {policy_version: '1.0', risk_score: null}",
      '- name: 1 again',
      '  input: *id001',
      '  context: *id002',
      '  tool_calls: *id003',
      '  expect: *id005',
      '',
    ].join('\n');
    const written = [
      '# yaml-language-server: $schema=../schemas/policy_test_suite.schema.json',
      'suite: roles',
      'policy: ../policies/support-assistant.yaml',
      'defaults:',
      '  model_provider: internal',
      '  context: {customer_verified: true, ticket_id: TCK-000001}',
      'cases:',
      '  - name: agent passes',
      '    role: agent   # the usual one',
      '  - name: intern is refused',
      '    role: intern',
      '    expect: {result: fail, gate: role_validation, reason: "Unauthorized role"}',
      '',
    ].join('\n');
    for (const text of [dumped, written]) {
      expect(readSimpleYaml(text)).toBeDefined();
      expect(expectSameReading(text)).toBe(true);
    }
  });
});
