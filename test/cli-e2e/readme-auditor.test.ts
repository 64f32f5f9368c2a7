// The README's auditor walkthrough ("Auditing a trail without its secret")
// runs as written: its `$ ` lines, in a shell, in a fresh folder holding the
// example policies and invocations, with `aigc` the built CLI.
import {spawnSync} from 'node:child_process';
import {chmodSync, cpSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {tempFolder} from '../cli/command-line.js';
import {CLI, REPO_ROOT} from './cli.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const folder = tempFolder('aigc-readme-');
afterAll(() => folder.remove());

/** The commands of the README's walkthrough, one per `$ ` line. */
function walkthroughCommands(): string[] {
  const section = readme.slice(readme.indexOf('## Auditing a trail without its secret'));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md has no auditor walkthrough');
  return block
    .split('\n')
    .filter((line) => line.startsWith('$ '))
    .map((line) => line.slice(2));
}

/** 160 invocations that all PASS (four of the examples, repeated), so the walkthrough's index 137 exists. */
function passingInvocations(): string {
  const examples = readFileSync(join(REPO_ROOT, 'fixtures', 'invocations', 'examples.jsonl'), 'utf8').split('\n');
  const passing = [0, 7, 10, 13].map((line) => examples[line] as string);
  return `${Array.from({length: 40}, () => passing).flat().join('\n')}\n`;
}

describe("the README's auditor walkthrough", () => {
  it('runs as written: keygen, enforce with checkpoints, verify with the public key, prove one artifact and check it offline', () => {
    cpSync(join(REPO_ROOT, 'policies'), join(folder.path, 'policies'), {recursive: true});
    writeFileSync(join(folder.path, 'invocations.jsonl'), passingInvocations());
    writeFileSync(join(folder.path, 'aigc'), `#!/bin/sh\nexec node ${JSON.stringify(CLI)} "$@"\n`);
    chmodSync(join(folder.path, 'aigc'), 0o755);
    const commands = walkthroughCommands();
    expect(commands.map((command) => command.split(' ').slice(0, 3).join(' '))).toEqual([
      'aigc chain keygen',
      'aigc enforce --chain',
      'aigc chain verify',
      'aigc chain prove',
      'sed -n 138p',
      'aigc chain verify-proof',
    ]);
    const script = ['set -e', ...commands].join('\n');
    const shell = spawnSync('bash', ['-c', script], {cwd: folder.path, encoding: 'utf8', env: {...process.env, PATH: `${folder.path}:${process.env.PATH}`, NO_COLOR: '1'}});
    expect(shell.stderr).not.toMatch(/error|FAILED/i);
    expect(shell.status, shell.stderr).toBe(0);
    expect(shell.stdout).toMatch(/^artifact-137\.proof: verified: leaf 137 is in the tree of 160 leaves of the log audit\.example\.com\/payments/m);
  });
});
