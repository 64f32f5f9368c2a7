// Every command explains itself (a summary, a description and an example,
// every flag described) and refuses what it does not know with exit 2 and one line.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../../src/cli/start/commands.js';
import {aigc, expectOneLineError, REPO_ROOT} from '../command-line.js';

const commands = COMMANDS.map(({spec}) => ({...spec, words: spec.id.split(':')}));

describe.each(commands)('aigc $words', (command) => {
  it('has a summary, a description, examples and a description for every flag', () => {
    expect(command.summary).not.toBe('');
    expect(command.description).not.toBe('');
    expect(command.examples.length).toBeGreaterThan(0);
    const undocumented = Object.entries(command.flags)
      .filter(([, flag]) => flag.description === '')
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('names only files that exist in its examples', () => {
    const named = command.examples.flatMap((example) => example.command.match(/\b(?:policies|fixtures)\/[^\s"'*{}]+\.(?:ya?ml|jsonl?)\b/g) ?? []);
    expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
  });

  it('refuses an unknown flag with exit 2 and one line', async () => {
    expectOneLineError(await aigc([...command.words, '--no-such-flag'], {input: ''}), 2, /Nonexistent flag: --no-such-flag/);
  });
});

describe('aigc', () => {
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
