// The one collector of PATH arguments (src/files/collect.ts): what each kind
// of command finds in files, folders and globs, and what it reports as
// missing, empty or a folder it takes none of.
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {collectFiles, FIXTURE_FILES, POLICY_FILES, SUITE_FILES, TRAIL_FILES} from '../../src/files/collect.js';
import {temporaryFolder} from '../testing/helpers.js';

let folder: ReturnType<typeof temporaryFolder>;
const write = (name: string) => {
  mkdirSync(dirname(join(folder.path, name)), {recursive: true});
  writeFileSync(join(folder.path, name), 'x: 1\n');
};

beforeAll(() => {
  folder = temporaryFolder();
  for (const name of [
    'teams/a.yaml',
    'teams/b.yml',
    'teams/nested/c.yaml',
    'teams/nested/c.test.yaml',
    'teams/notes.txt',
    'teams/.hidden.yaml',
    'teams/.git/config.yaml',
    'teams/.cache/d.yaml',
    'teams/node_modules/pkg/e.yaml',
    'teams/B.yaml',
    'teams/é.yaml',
    'teams/z.yaml',
    'golden/one.json',
    'golden/two.jsonl',
    'golden/three.yaml',
    'x.yaml/inside.yaml',
    'glob[1].yaml',
    'trails/day1.jsonl',
    'trails/day2.jsonl',
  ])
    write(name);
  mkdirSync(join(folder.path, 'nothing-here'));
});
afterAll(() => folder.remove());

const collect = (paths: string[], kind = POLICY_FILES) => collectFiles(paths, kind, folder.path);

describe('collectFiles', () => {
  it('walks a folder for the kind’s files, in code point order, leaving out dotted names and node_modules', () => {
    expect(collect(['teams']).files).toEqual([
      'teams/B.yaml',
      'teams/a.yaml',
      'teams/b.yml',
      'teams/nested/c.test.yaml',
      'teams/nested/c.yaml',
      'teams/z.yaml',
      'teams/é.yaml',
    ]);
  });

  it('finds suites and fixtures by their own endings', () => {
    expect(collect(['teams'], SUITE_FILES).files).toEqual(['teams/nested/c.test.yaml']);
    expect(collect(['golden'], FIXTURE_FILES).files).toEqual(['golden/one.json', 'golden/two.jsonl']);
  });

  it('shows walked files under the path as given', () => {
    expect(collect(['./teams/nested/']).files).toEqual(['./teams/nested/c.test.yaml', './teams/nested/c.yaml']);
    expect(collectFiles(['.'], SUITE_FILES, join(folder.path, 'teams')).files).toEqual(['nested/c.test.yaml']);
    expect(collectFiles([''], SUITE_FILES, join(folder.path, 'teams')).files).toEqual(['nested/c.test.yaml']);
  });

  it('takes a named file as given, whatever its name, and a folder named like a policy as a file for its reader to refuse (other kinds walk it)', () => {
    expect(collect(['teams/notes.txt', 'teams/.hidden.yaml', 'x.yaml']).files).toEqual(['teams/notes.txt', 'teams/.hidden.yaml', 'x.yaml']);
    expect(collect(['x.yaml'], SUITE_FILES)).toMatchObject({files: [], empty: ['x.yaml']});
  });

  it('expands a glob that names no file, and takes a file whose name looks like a glob as itself', () => {
    expect(collect(['teams/**/*.yml', 'teams/*.yaml']).files).toEqual(['teams/b.yml', 'teams/B.yaml', 'teams/a.yaml', 'teams/z.yaml', 'teams/é.yaml']);
    expect(collect(['glob[1].yaml']).files).toEqual(['glob[1].yaml']);
  });

  it('keeps a file reached twice once, where first reached: by its spelling for policies, by its resolved path for suites', () => {
    expect(collect(['teams/z.yaml', 'teams', 'teams/a.yaml', './teams/a.yaml']).files).toEqual([
      'teams/z.yaml',
      'teams/B.yaml',
      'teams/a.yaml',
      'teams/b.yml',
      'teams/nested/c.test.yaml',
      'teams/nested/c.yaml',
      'teams/é.yaml',
      './teams/a.yaml',
    ]);
    expect(collect(['teams/nested/c.test.yaml', 'teams', './teams//nested/c.test.yaml'], SUITE_FILES).files).toEqual(['teams/nested/c.test.yaml']);
  });

  it('reports paths that name nothing as missing, and folders and globs with nothing of the kind as empty', () => {
    expect(collect(['absent.yaml', 'nothing-here', 'teams/*.json', 'teams/a.yaml/x', 'a{b}.yaml'])).toEqual({
      files: [],
      missing: ['absent.yaml', 'teams/a.yaml/x', 'a{b}.yaml'],
      empty: ['nothing-here', 'teams/*.json'],
      folders: [],
      skipped: [],
      named: new Set(),
    });
  });

  it('reports a folder given for a kind that takes none', () => {
    expect(collect(['trails', 'trails/*.jsonl'], TRAIL_FILES)).toEqual({
      files: ['trails/day1.jsonl', 'trails/day2.jsonl'],
      missing: [],
      empty: [],
      folders: ['trails'],
      skipped: [],
      named: new Set(),
    });
  });

  it('tells the files a path named itself from those a walk or a glob found', () => {
    expect([...collect(['teams/notes.txt', 'teams/nested']).named]).toEqual(['teams/notes.txt']);
  });
});
