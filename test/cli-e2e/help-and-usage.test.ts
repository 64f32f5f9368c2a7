// Every command explains itself (`--help`: a description and at least one
// example, every flag described) and refuses what it does not know with exit 2.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, REPO_ROOT} from './cli.js';

interface ManifestCommand {
  id: string;
  description?: string;
  summary?: string;
  examples?: unknown[];
  flags: Record<string, {description?: string; hidden?: boolean}>;
}

// Built before the tests are collected (see test/build-once.ts), so new commands are covered too.
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>};
const commands = Object.values(manifest.commands).map((command) => ({...command, words: command.id.split(':')}));

describe.each(commands)('aigc $words', (command) => {
  it('has a summary, a description, examples and a description for every flag', () => {
    expect(command.summary ?? '').not.toBe('');
    expect(command.description ?? '').not.toBe('');
    expect(command.examples?.length ?? 0).toBeGreaterThan(0);
    const undocumented = Object.entries(command.flags)
      .filter(([, flag]) => !flag.hidden && (flag.description ?? '') === '')
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('names only files that exist in its examples', () => {
    const commandLines = (command.examples ?? []).map((example) => (typeof example === 'string' ? example : (example as {command: string}).command));
    const named = commandLines.flatMap((line) => line.match(/\b(?:policies|fixtures)\/[^\s"'*{}]+\.(?:ya?ml|jsonl?)\b/g) ?? []);
    expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
  });

  it('shows its description and examples with --help (exit 0)', async () => {
    const run = await aigc([...command.words, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^USAGE\n {2}\$ aigc /m);
    expect(run.stdout).toMatch(/^DESCRIPTION\n/m);
    expect(run.stdout).toMatch(/^EXAMPLES\n[\s\S]*\baigc /m);
    expect(run.stderr).toBe('');
  });

  it('refuses an unknown flag with exit 2 and one line', async () => {
    expectOneLineError(await aigc([...command.words, '--no-such-flag'], {input: ''}), 2, /Nonexistent flag: --no-such-flag/);
  });
});

describe('aigc', () => {
  it('lists its commands with --help', async () => {
    const run = await aigc(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TOPICS\n[\s\S]*policy/m);
  });

  it('refuses an unknown command with exit 2 and one line naming it', async () => {
    expectOneLineError(await aigc(['policy', 'lnt', 'policies/']), 2, /^aigc: unknown command "policy lnt"; see "aigc --help"/);
  });

  it('refuses a bad flag value with exit 2 and one line', async () => {
    expectOneLineError(await aigc(['policy', 'lint', '.', '-f', 'yaml']), 2, /unknown format "yaml" for --format; expected one of: pretty, text/);
  });

  it('adds a stack trace to an error only when DEBUG is set', async () => {
    const args = ['enforce', '--input', 'no-such-input.jsonl'];
    expectOneLineError(await aigc(args), 3, /no-such-input\.jsonl: cannot read the input/);
    const debug = await aigc(args, {env: {DEBUG: '1'}});
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
