// Hostile or broken policy files never crash `aigc policy lint` or
// `aigc policy validate`: each is answered within seconds by one finding or
// one line naming the file, with the right exit code and no stack trace.
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, type CliRun, expectNoStackTrace, expectOneLineError, tempFolder} from '../command-line.js';
import {CLEAN_POLICY} from './policies.js';
import {aliasBomb} from '../../policy/alias-bomb.js';

let folder: ReturnType<typeof tempFolder>;

function fiftyMegabytes(): string {
  const entry = '  - "a policy this large is a mistake or an attack, never a policy"\n';
  return `policy_version: "1.0"\nroles: [agent]\nnotes:\n${entry.repeat(Math.ceil((50 * 1024 * 1024) / entry.length))}`;
}

beforeAll(() => {
  folder = tempFolder();
  folder.file('garbage.yaml', Buffer.from(Array.from({length: 4096}, (_, index) => (index * 7919 + 13) % 256)));
  folder.file('latin1.yaml', Buffer.concat([Buffer.from('policy_version: "1.0"\nroles: [agent]\ndescription: caf'), Buffer.from([0xe9, 0x0a])]));
  folder.file('bomb.yaml', aliasBomb());
  folder.file('deep.yaml', `policy_version: "1.0"\nroles: [agent]\nnested: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
  folder.file('deep-map.yaml', `policy_version: "1.0"\nroles: [agent]\nnested: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`);
  folder.file('huge.yaml', fiftyMegabytes());
  folder.file('clean.yaml', CLEAN_POLICY);
  mkdirSync(join(folder.path, 'x.yaml'));
  mkdirSync(join(folder.path, 'no-policies'));
  writeFileSync(join(folder.path, 'no-policies', 'README.md'), 'nothing to lint here\n');
  execFileSync('mkfifo', [join(folder.path, 'pipe.yaml')]);
});
afterAll(() => folder.remove());

const lint = (files: string[]) => aigc(['policy', 'lint', ...files, '-f', 'text'], {cwd: folder.path});

const BROKEN = ['missing.yaml', 'garbage.yaml', 'latin1.yaml', 'huge.yaml', 'bomb.yaml', 'deep.yaml', 'deep-map.yaml', 'x.yaml', 'pipe.yaml'];

/** One run over every broken file and a good one: each is answered and the run goes on to the next. */
let allAtOnce: Promise<CliRun> | undefined;
const lintAll = () => {
  allAtOnce ??= lint([...BROKEN, 'clean.yaml']);
  return allAtOnce;
};

/** Files that cannot be read at all: the run exits 3 once every file is reported. */
const UNREADABLE = new Set(['missing.yaml', 'garbage.yaml', 'latin1.yaml', 'huge.yaml', 'x.yaml', 'pipe.yaml']);

/**
 * The one text-format finding line for `file`: `file:line:col error RULE message`.
 * The run exits 3 when it holds an unreadable file, else 1.
 */
async function expectSingleFinding(file: string, ruleId: string, message: RegExp, run?: CliRun): Promise<void> {
  const result = run ?? (await lintAll());
  expect(result.code, result.stderr).toBe(run === undefined || UNREADABLE.has(file) ? 3 : 1);
  expectNoStackTrace(result.stderr);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith(`${file}:`));
  expect(lines, result.stdout).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+ error ${ruleId} `));
  expect(lines[0]).toMatch(message);
}

describe('aigc policy lint on broken files', () => {
  it('reports a missing file', async () => {
    await expectSingleFinding('missing.yaml', 'file-unreadable', /file not found/);
  });

  it('refuses a folder with no policies (exit 2), naming it', async () => {
    expectOneLineError(await lint(['no-policies']), 2, /no-policies: no policy files/);
  });

  it('reports binary garbage as not UTF-8', async () => {
    await expectSingleFinding('garbage.yaml', 'file-unreadable', /not valid UTF-8/);
  });

  it('reports invalid UTF-8 with the offset of the first bad byte', async () => {
    await expectSingleFinding('latin1.yaml', 'file-unreadable', /not valid UTF-8 \(first invalid byte at offset 53\)/);
  });

  it('refuses a 50 MB file without parsing it', async () => {
    await expectSingleFinding('huge.yaml', 'file-unreadable', /larger than \d+ MiB/);
  });

  it('stops an alias bomb (billion laughs)', async () => {
    await expectSingleFinding('bomb.yaml', 'yaml-syntax', /alias/);
  });

  it('stops flow sequences nested 10,000 deep', async () => {
    await expectSingleFinding('deep.yaml', 'yaml-syntax', /nests deeper than/);
  });

  it('stops flow mappings nested 10,000 deep', async () => {
    await expectSingleFinding('deep-map.yaml', 'yaml-syntax', /nests deeper than/);
  });

  it('reports a folder named x.yaml', async () => {
    await expectSingleFinding('x.yaml', 'file-unreadable', /is a directory/);
  });

  it('reports a named pipe instead of waiting on it', async () => {
    await expectSingleFinding('pipe.yaml', 'file-unreadable', /not a regular file/);
  });

  it('exits 1, not 3, when every file could be read', async () => {
    await expectSingleFinding('bomb.yaml', 'yaml-syntax', /alias/, await lint(['bomb.yaml', 'clean.yaml']));
  });

  it('still lints the good file given with the broken ones, and counts them all', async () => {
    const run = await lintAll();
    expect(run.stdout.split('\n').filter((line) => line.startsWith('clean.yaml'))).toEqual([]);
    expect(run.stderr).toMatch(new RegExp(`${BROKEN.length} errors, 0 warnings in ${BROKEN.length + 1} files`));
  });
});

describe('aigc policy validate on broken files', () => {
  it('fails each broken file in the lint stage, naming it, goes on, and exits 3 as some could not be read', async () => {
    const files = [...BROKEN, 'clean.yaml'];
    const run = await aigc(['policy', 'validate', ...files], {cwd: folder.path});
    expect(run.code).toBe(3);
    expectNoStackTrace(run.stderr);
    expect(run.stdout.trimEnd().split('\n')).toEqual([...files.slice(0, -1).map((file) => `FAIL  ${file} (lint)`), 'OK    clean.yaml']);
    for (const file of files.slice(0, -1)) expect(run.stderr).toMatch(new RegExp(`^ {2}${file.replace('.', '\\.')}(:\\d+:\\d+)?: `, 'm'));
  });

  it('exits 1 when the broken files could all be read', async () => {
    const run = await aigc(['policy', 'validate', 'bomb.yaml', 'deep.yaml', 'clean.yaml'], {cwd: folder.path});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ {2}deep\.yaml:3:\d+: YAML parse error: the document nests deeper than 500 levels$/m);
  });

  it('refuses a folder with no policies (exit 2), naming it', async () => {
    expectOneLineError(await aigc(['policy', 'validate', 'no-policies'], {cwd: folder.path}), 2, /no-policies: no policy files/);
  });
});
