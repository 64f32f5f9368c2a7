// The help the build renders once (dist/help.json, scripts/help-text.js) is
// what oclif prints for the same command line on a pipe, subject by subject;
// where oclif could print something else (colour asked for, a terminal, a
// width, DEBUG) or the command line is not one subject's plain form, oclif
// renders it.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {prerenderedHelp} from '../../src/cli/start/prerendered-help.js';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

// Built before the tests are collected (see test/build-once.ts).
const BUILT = join(REPO_ROOT, 'dist', 'help.json');
const subjects = Object.keys((JSON.parse(readFileSync(BUILT, 'utf8')) as {texts: Record<string, string>}).texts);
const onPipes = {env: {}, terminal: {stdout: false, stderr: false}};
/** The built texts (run from the sources, as here, the module uses none by default). */
const prerendered = (argv: string[], surroundings = onPipes) => prerenderedHelp(argv, surroundings, BUILT);
/** FORCE_COLOR=0 is no colour, as on a pipe, but it is a setting the build did not see: oclif renders. */
const byOclif = {FORCE_COLOR: '0'};

describe('the prerendered help', () => {
  it('covers the root, every topic and every command', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>};
    expect(subjects).toContain('');
    for (const topic of ['policy', 'chain', 'compliance', 'export']) expect(subjects).toContain(topic);
    for (const id of Object.keys(manifest.commands)) expect(subjects).toContain(id);
  });

  it.concurrent.each(subjects.map((id) => ({id, words: id === '' ? [] : id.split(':')})))('is what oclif prints for "aigc $id --help"', async ({words}) => {
    const oclif = await aigc([...words, '--help'], {env: byOclif});
    expect(oclif.code).toBe(0);
    expect(prerendered([...words, '--help'])).toBe(oclif.stdout);
  });

  it.concurrent.each(['policy', 'chain'])('is what oclif prints for the topic "aigc %s" without --help', async (topic) => {
    const oclif = await aigc([topic], {env: byOclif});
    expect(prerendered([topic])).toBe(oclif.stdout);
  });

  it('is what oclif prints for "aigc" alone and for a command named by its id', async () => {
    expect(prerendered([])).toBe((await aigc([], {env: byOclif})).stdout);
    expect(prerendered(['policy:lint', '--help'])).toBe((await aigc(['policy:lint', '--help'], {env: byOclif})).stdout);
  });

  it('is printed by the CLI on a pipe, with the user agent of this Node.js', async () => {
    const run = await aigc(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(prerendered(['--help']));
    expect(run.stdout).toContain(` node-${process.version}\n`);
  });

  it('is not used where oclif could print something else', () => {
    expect(prerendered(['--help'], {env: {}, terminal: {stdout: true, stderr: false}})).toBeUndefined();
    expect(prerendered(['--help'], {env: {}, terminal: {stdout: false, stderr: true}})).toBeUndefined();
    for (const env of [{FORCE_COLOR: '1'}, {FORCE_COLOR: ''}, {OCLIF_COLUMNS: '120'}, {DEBUG: '*'}]) {
      expect(prerendered(['--help'], {env, terminal: onPipes.terminal})).toBeUndefined();
    }
  });

  it('is not used for command lines that are not a subject alone and --help', () => {
    for (const argv of [
      ['policy', 'lint', 'policies', '--help'],
      ['policy', 'lint', '--help', '--json'],
      ['--help', 'policy'],
      ['--help', '--help'],
      ['policy', 'lint'],
      ['no-such', '--help'],
      ['Policy', '--help'],
    ]) {
      expect(prerendered(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('is not used where the build left none', () => {
    expect(prerenderedHelp(['--help'], onPipes, join(REPO_ROOT, 'no-such-help.json'))).toBeUndefined();
    // Run from the TypeScript sources, a dist/help.json may be older than them: none is used.
    expect(prerenderedHelp(['--help'], onPipes)).toBeUndefined();
  });
});
