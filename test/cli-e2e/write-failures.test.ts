// A stdout that cannot be written (a full disk here) is an I/O error: exit 3
// and one line on stderr, for every command that writes a product, never a
// stack trace or a success.
import {spawnSync} from 'node:child_process';
import {closeSync, openSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {CLI, REPO_ROOT} from './cli.js';

const COMMANDS = [
  ['policy', 'lint', 'policies', '-f', 'json'],
  ['policy', 'validate', 'policies'],
  ['policy', 'test', 'fixtures/suites', '-f', 'json'],
  ['replay', 'fixtures/golden'],
  ['schema', 'policy'],
  ['compliance', 'export', '-i', 'test/data/chains/reference-chain.jsonl'],
  ['chain', 'verify', 'test/data/chains/reference-chain.jsonl'],
];

describe('a stdout that cannot be written', () => {
  // The command's words: two under a topic (policy lint), else one (replay).
  const words = (args: string[]) => args.slice(0, ['policy', 'chain', 'compliance'].includes(args[0]) ? 2 : 1).join(' ');
  it.each(COMMANDS.map((args) => [words(args), args] as const))('fails aigc %s with exit 3 and one line naming the command', (name, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [CLI, ...args], {cwd: REPO_ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8'});
      expect(run.status, run.stderr).toBe(3);
      expect(run.stderr).toBe(`aigc ${name}: stdout: cannot write the report: no space left on the device (ENOSPC)\n`);
    } finally {
      closeSync(full);
    }
  });
});
