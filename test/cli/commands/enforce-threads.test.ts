// `aigc enforce --threads N`: the thread count it accepts, and the same
// output and trail as one thread.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, tempFolder} from '../command-line.js';
import {CLEAN_POLICY, passingInvocation} from './policies.js';

let folder: ReturnType<typeof tempFolder>;
beforeAll(() => {
  folder = tempFolder();
  folder.file('policy.yaml', CLEAN_POLICY);
});
afterAll(() => folder.remove());

const enforce = (args: string[], input: string) => aigc(['enforce', '--now', '1700000000', ...args], {cwd: folder.path, input});
const lines = (count: number) => Array.from({length: count}, (_, n) => `${JSON.stringify({...passingInvocation(), input: {n}})}\n`).join('');

describe('aigc enforce --threads', () => {
  it('writes what one thread writes, for a stream of several batches', async () => {
    const input = lines(4000);
    expect(input.length).toBeGreaterThan(3 * 256 * 1024);
    const [one, two] = [await enforce([], input), await enforce(['--threads', '2'], input)];
    expect(one.code).toBe(0);
    expect([two.code, two.stderr]).toEqual([0, '']);
    expect(two.stdout).toBe(one.stdout);
  });

  it('notes an empty input as one thread does', async () => {
    const run = await enforce(['--threads', '2'], '\n\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('stdin: empty input: no invocations');
  });

  it('chains what one thread chains', async () => {
    const input = lines(3000);
    const [one, two] = [await enforce(['--chain', 'one.jsonl', '--chain-id', 'c'], input), await enforce(['--threads', '2', '--chain', 'two.jsonl', '--chain-id', 'c'], input)];
    expect(one.code).toBe(0);
    expect([two.code, two.stderr]).toEqual([0, '']);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(folder.path, 'two.jsonl'), 'utf8')).toBe(readFileSync(join(folder.path, 'one.jsonl'), 'utf8'));
    expect(readFileSync(join(folder.path, 'two.jsonl'), 'utf8').split('\n')).toHaveLength(3001);
  });

  it('refuses a thread count below 1 or above 64', async () => {
    expectOneLineError(await enforce(['--threads', '0'], lines(1)), 2, '--threads');
    expectOneLineError(await enforce(['--threads', '65'], lines(1)), 2, '--threads must be a number of threads from 1 to 64');
  });
});
