// `compliance export -i` values: stdin where it was given, globs expanded by
// the one collector (links out of the glob's folder skipped, with a warning),
// and the first unusable value reported.
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveInputPaths} from '../../src/cli/input-paths.js';
import {temporaryFolder} from '../testing/helpers.js';

let folder: ReturnType<typeof temporaryFolder>;
let outside: ReturnType<typeof temporaryFolder>;

beforeAll(() => {
  folder = temporaryFolder();
  outside = temporaryFolder();
  mkdirSync(join(folder.path, 'trails'));
  for (const name of ['trails/a.jsonl', 'trails/b.jsonl', 'one.jsonl']) writeFileSync(join(folder.path, name), '');
  writeFileSync(join(outside.path, 'elsewhere.jsonl'), '');
  symlinkSync(join(outside.path, 'elsewhere.jsonl'), join(folder.path, 'trails/c.jsonl'));
});
afterAll(() => {
  folder.remove();
  outside.remove();
});

const resolve = (values: string[], warnings: string[] = []) =>
  resolveInputPaths(values, folder.path, (warning) => warnings.push(warning)).map((input) => input.path);

describe('resolveInputPaths', () => {
  it('keeps stdin where it was given among the files', () => {
    expect(resolve(['one.jsonl', '-', 'trails/*.jsonl'])).toEqual(['one.jsonl', '-', 'trails/a.jsonl', 'trails/b.jsonl']);
    expect(resolve(['-', 'one.jsonl'])).toEqual(['-', 'one.jsonl']);
  });

  it('reads a file reached twice under one spelling once', () => {
    expect(resolve(['trails/*.jsonl', 'trails/a.jsonl'])).toEqual(['trails/a.jsonl', 'trails/b.jsonl']);
  });

  it('skips a link a glob matches that leads out of its folder, with a warning naming the link', () => {
    const warnings: string[] = [];
    expect(resolve(['trails/*.jsonl'], warnings)).toEqual(['trails/a.jsonl', 'trails/b.jsonl']);
    expect(warnings).toEqual(['trails/c.jsonl: skipped: a symbolic link that leads out of the folder, not followed']);
  });

  it('reports the first value it cannot use', () => {
    expect(() => resolve(['trails', 'missing.jsonl'])).toThrow(/is a folder, not a JSONL file/);
    expect(() => resolve(['missing.jsonl', 'trails'])).toThrow(/file not found/);
    expect(() => resolve(['nothing/*.jsonl'])).toThrow(/no file matches this pattern/);
    expect(() => resolve(['-', '-'])).toThrow(/stdin \(-\) can be given only once/);
  });
});
