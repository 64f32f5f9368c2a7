// Every command's --help, as oclif renders it from the manifest of the built
// CLI: its usage, description and examples, on stdout, exit 0.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

interface ManifestCommand {
  id: string;
  flags: Record<string, {name: string; char?: string; hidden?: boolean}>;
}

// Built before the tests are collected (see test/build-once.ts), so new commands are covered too.
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>};
const commands = Object.values(manifest.commands).map((command) => ({...command, words: command.id.split(':')}));

describe.each(commands)('aigc $words --help', (command) => {
  it('shows its description and examples (exit 0)', async () => {
    const run = await aigc([...command.words, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^USAGE\n {2}\$ aigc /m);
    expect(run.stdout).toMatch(/^DESCRIPTION\n/m);
    expect(run.stdout).toMatch(/^EXAMPLES\n[\s\S]*\baigc /m);
    expect(run.stderr).toBe('');
  });
});

describe('aigc --help', () => {
  it('lists its commands', async () => {
    const run = await aigc(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TOPICS\n[\s\S]*policy/m);
  });
});

describe('aigc replay --help', () => {
  it('shows the value of -u/--update as optional and written after =, in USAGE and FLAGS', async () => {
    const run = await aigc(['replay', '--help']);
    expect(run.code).toBe(0);
    const usage = run.stdout.slice(run.stdout.indexOf('USAGE'), run.stdout.indexOf('ARGUMENTS')).replace(/\s+/g, ' ');
    expect(usage).toContain('[-u[=new|all|none]]');
    expect(run.stdout).toMatch(/^ {2}-u, --update\[=new\|all\|none\] /m);
    expect(run.stdout).toContain('--update=none');
  });

  it('lists every flag of the command in its hand-written USAGE', async () => {
    const flags = Object.values(manifest.commands.replay.flags);
    const usage = (await aigc(['replay', '--help'])).stdout.split('ARGUMENTS')[0];
    for (const flag of flags.filter((item) => !item.hidden)) expect(usage).toMatch(flag.char ? `-${flag.char}` : `--${flag.name}`);
  });
});

describe('aigc enforce --help', () => {
  it('lists the repeatable flags as repeatable', async () => {
    const run = await aigc(['enforce', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--strict');
    expect(run.stdout).toContain('--gate=FILE...');
    expect(run.stdout).toContain('--redact=NAME=REGEX...');
  });
});

describe('aigc help', () => {
  it('lists the topics and commands, as aigc --help does', async () => {
    const [help, flag] = await Promise.all([aigc(['help']), aigc(['--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toMatch(/^TOPICS\n[\s\S]*policy/m);
  });

  it("shows a command's help, as aigc COMMAND --help does", async () => {
    const [help, flag] = await Promise.all([aigc(['help', 'policy', 'lint']), aigc(['policy', 'lint', '--help'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toMatch(/^USAGE\n {2}\$ aigc policy lint /m);
  });

  it("shows a topic's commands", async () => {
    const run = await aigc(['help', 'chain']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}chain append /m);
  });

  it('refuses words that name no command, suggesting the nearest (exit 2)', async () => {
    const run = await aigc(['help', 'polcy', 'lint']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', 'aigc help: no command or topic "polcy lint"; did you mean "policy lint"? (aigc help lists them)\n']);
  });
});

describe('the root help', () => {
  it('says how to get the version, a command\'s help and shell completion', async () => {
    const run = await aigc(['--help']);
    run.stdout = run.stdout.replace(/\s+/g, ' ');
    expect(run.stdout).toContain('aigc version (or aigc --version, aigc -v)');
    expect(run.stdout).toContain('aigc help COMMAND');
    expect(run.stdout).toContain('aigc autocomplete bash|zsh');
  });
});
