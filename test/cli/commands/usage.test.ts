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
    expectOneLineError(await aigc([...command.words, '--no-such-flag'], {input: ''}), 2, new RegExp(`^aigc ${command.words.join(' ')}: unknown flag --no-such-flag; `));
  });
});

describe('aigc, read the way people type', () => {
  it('says "unexpected argument" for words after a command that takes none, naming the command once', async () => {
    expectOneLineError(await aigc(['enforce', 'extra'], {input: ''}), 2, /^aigc enforce: unexpected argument "extra": aigc enforce takes no arguments$/);
  });

  it('takes compliance export FILE as the trail, like chain verify FILE', async () => {
    const run = await aigc(['compliance', 'export', 'test/data/chains/reference-chain.jsonl']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).source_file).toBe('test/data/chains/reference-chain.jsonl');
    const both = await aigc(['compliance', 'export', 'test/data/chains/reference-chain.jsonl', '-i', 'test/data/chains/reference-chain.jsonl']);
    expect(JSON.parse(both.stdout).source_file).toBe('test/data/chains/reference-chain.jsonl, test/data/chains/reference-chain.jsonl');
    expectOneLineError(await aigc(['compliance', 'export']), 2, /^aigc compliance export: no audit trail to read: give a FILE/);
  });

  it('suggests the flag a typo was meant to be', async () => {
    expectOneLineError(await aigc(['policy', 'lint', 'policies', '--fromat', 'json']), 2, /^aigc policy lint: unknown flag --fromat; did you mean --format\?$/);
    expectOneLineError(await aigc(['chain', 'verify', 'x.jsonl', '--max-error=3']), 2, /^aigc chain verify: unknown flag --max-error; did you mean --max-errors\?$/);
  });

  it('words a missing argument in its own terms, not oclif\'s', async () => {
    const run = await aigc(['policy', 'validate']);
    expectOneLineError(run, 2, /^aigc policy validate: missing argument PATH: policy file, folder or glob/);
    expect(run.stderr).not.toMatch(/Missing 1 required arg|See more help|The following error/);
  });

  it('puts one "aigc <command>: " before every failure of a command, from parsing and from running', async () => {
    for (const args of [
      ['policy', 'test', '--nope'],
      ['policy', 'test', 'no-such.test.yaml'],
      ['chain', 'verify', 'x', '--max-errors', '0'],
      ['enforce', '--input', 'no-such.jsonl'],
      ['compliance', 'export', 'no-such.jsonl'],
      ['replay', 'no-such.json'],
    ]) {
      const words = args[0] === 'policy' || args[0] === 'chain' || args[0] === 'compliance' ? args.slice(0, 2) : args.slice(0, 1);
      const run = await aigc(args, {input: ''});
      expect(run.stderr, args.join(' ')).toMatch(new RegExp(`^aigc ${words.join(' ')}: (?!aigc)`));
    }
  });

  it('has --color only on the commands whose formats colour text', () => {
    const withColor = commands.filter((command) => 'color' in command.flags).map((command) => command.id);
    expect(withColor.sort()).toEqual(['chain:verify', 'policy:lint', 'policy:test', 'replay']);
  });

  it.each([
    ['policy', 'lint', 'fixtures/suites/support-assistant.test.yaml', '-f', 'pretty'],
    ['policy', 'test', 'fixtures/suites/support-assistant.test.yaml', '-f', 'text'],
    ['replay', 'fixtures/golden', '-f', 'text'],
    ['chain', 'verify', 'test/data/chains/reference-chain.jsonl', '-f', 'pretty'],
  ])('colours aigc %s %s … with --color into a pipe, and not with --no-color', async (...args) => {
    expect((await aigc([...args, '--color'])).stdout).toMatch(/\u001b\[\d+m/);
    expect((await aigc([...args, '--no-color'], {env: {FORCE_COLOR: '3'}})).stdout).not.toMatch(/\u001b\[/);
  });

  it('refuses --color on compliance export, whose formats (json, markdown, html) have no colour', async () => {
    expectOneLineError(await aigc(['compliance', 'export', 'test/data/chains/reference-chain.jsonl', '--color']), 2, /unknown flag --color/);
  });
});

describe('aigc', () => {
  it('refuses an unknown command with exit 2 and one line naming it', async () => {
    expectOneLineError(await aigc(['policy', 'lnt', 'policies/']), 2, /^aigc: unknown command "policy lnt"; did you mean "policy lint"\?$/);
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
