// `aigc autocomplete bash|zsh`: the script, loaded into the real shell, offers
// the topics, commands, flags and fixed values of this build, and file names
// elsewhere. Shells are spawned: what a shell makes of the script is the point.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, REPO_ROOT, tempFolder} from './command-line.js';

const hasZsh = spawnSync('zsh', ['-fc', 'true']).status === 0;

/** The candidates bash offers for the words typed so far (the last one being completed). */
async function bashOffers(words: string[], cwd?: string): Promise<string[]> {
  const script = (await aigc(['autocomplete', 'bash'])).stdout;
  const array = words.map((word) => `'${word}'`).join(' ');
  const run = spawnSync('bash', ['--norc', '-c', `${script}\nCOMP_WORDS=(aigc ${array}); COMP_CWORD=${words.length}; _aigc; printf '%s\\n' "\${COMPREPLY[@]}"`], {encoding: 'utf8', cwd});
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter((line) => line !== '');
}

/** The candidates the zsh function passes to compadd (`FILES` where it asks for file names). */
async function zshOffers(words: string[]): Promise<string[]> {
  const script = (await aigc(['autocomplete', 'zsh'])).stdout;
  const array = words.map((word) => `'${word}'`).join(' ');
  // compadd and _files stand in for zsh's completion system, which filters the candidates by what was typed.
  const stubs = `compadd() { shift; print -l -- "$@"; }; _files() { print FILES; }; compdef() { :; }`;
  const run = spawnSync('zsh', ['-fc', `${stubs}\n${script}\nwords=(aigc ${array}); CURRENT=${words.length + 1}; _aigc`], {encoding: 'utf8'});
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter((line) => line !== '');
}

describe('aigc autocomplete bash', () => {
  it('completes the topics and commands', async () => {
    expect(await bashOffers([''])).toEqual(['autocomplete', 'chain', 'compliance', 'enforce', 'export', 'help', 'init', 'policy', 'replay', 'schema', 'version']);
    expect(await bashOffers(['policy', 'l'])).toEqual(['lint']);
    expect(await bashOffers(['chain', ''])).toEqual(['append', 'checkpoint', 'consistency', 'cosign', 'keygen', 'prove', 'verify', 'verify-consistency', 'verify-proof', 'verify-summaries']);
  });

  it("completes a command's flags, and the values of a flag with a fixed set", async () => {
    expect(await bashOffers(['policy', 'lint', 'policies', '--f'])).toEqual(['--format']);
    expect(await bashOffers(['chain', 'verify', '--no-'])).toEqual(['--no-color']);
    expect(await bashOffers(['policy', 'lint', '-f', ''])).toEqual(['pretty', 'text', 'json', 'sarif', 'github', 'junit']);
    expect(await bashOffers(['chain', 'append', 't.jsonl', '--durability', 'e'])).toEqual(['each']);
    expect(await bashOffers(['schema', 'p'])).toEqual(['policy', 'policy-test-suite', 'parquet']);
  });

  it('completes file names for arguments and file flags', async () => {
    const folder = tempFolder();
    try {
      folder.file('audit.jsonl', '');
      expect(await bashOffers(['chain', 'verify', 'aud'], folder.path)).toEqual(['audit.jsonl']);
      expect(await bashOffers(['enforce', '--input', 'a'], folder.path)).toEqual(['audit.jsonl']);
    } finally {
      folder.remove();
    }
  });

  it('does not offer the value of an optional-value flag as the next word, which would be refused (-u none)', async () => {
    const folder = tempFolder();
    try {
      expect(await bashOffers(['replay', 'f.json', '-u', 'n'], folder.path)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe.skipIf(!hasZsh)('aigc autocomplete zsh (skipped without zsh)', () => {
  it('completes topics, commands, flags and fixed values', async () => {
    expect(await zshOffers([''])).toEqual(['autocomplete', 'chain', 'compliance', 'enforce', 'export', 'help', 'init', 'policy', 'replay', 'schema', 'version']);
    expect(await zshOffers(['policy', ''])).toEqual(['lint', 'test', 'validate']);
    expect(await zshOffers(['chain', 'append', 't.jsonl', '--'])).toEqual(['--chain-id', '--key-env', '--key-file', '--durability', '--checkpoint-key', '--checkpoint-every']);
    expect(await zshOffers(['compliance', 'export', '-f', ''])).toEqual(['json', 'markdown', 'html']);
    expect(await zshOffers(['enforce', '--input', ''])).toEqual(['FILES']);
  });

  it('registers itself with compinit when sourced', async () => {
    const script = (await aigc(['autocomplete', 'zsh'])).stdout;
    const folder = tempFolder();
    try {
      const run = spawnSync('zsh', ['-fc', `autoload -U compinit; compinit -u -d ${folder.path}/zcompdump\n${script}\nprint -r -- \${_comps[aigc]}`], {encoding: 'utf8'});
      expect(run.stdout.trim()).toBe('_aigc');
    } finally {
      folder.remove();
    }
  });
});

describe('aigc autocomplete', () => {
  it('refuses another shell (exit 2)', async () => {
    expectOneLineError(await aigc(['autocomplete', 'fish']), 2, /^aigc autocomplete: unknown SHELL "fish"; expected one of: bash, zsh$/);
  });
});

describe('aigc version', () => {
  it('prints the version, platform and Node.js version on one line, also as --version and -v', async () => {
    const {version} = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {version: string};
    const expected = `aigc/${version} ${process.platform}-${process.arch} node-${process.version}\n`;
    for (const args of [['version'], ['--version'], ['-v']]) {
      const run = await aigc(args);
      expect([run.code, run.stdout, run.stderr]).toEqual([0, expected, '']);
    }
  });
});
