// `aigc enforce --chain` and `aigc chain append` as processes sharing a trail:
// several writing at once, writers killed with -9 at any point, the lock a
// dead writer leaves, folders and files that cannot be written, the
// durability choices, and each artifact printed only once it is in the trail.
import {type ChildProcessWithoutNullStreams, spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {tryFileLock} from '../../src/io/file-lock.js';
import {type CliRun, EXAMPLE_INVOCATIONS, expectOneLineError, tempFolder} from '../cli/command-line.js';
import {CLI, REPO_ROOT, spawnAigc as aigc} from './cli.js';

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const EXAMPLES = readFileSync(EXAMPLE_INVOCATIONS, 'utf8').trim().split('\n');
const folder = tempFolder('aigc-chain-writers-');
afterAll(() => folder.remove());

/** `count` invocations: the examples over and over, each with its own input so every artifact differs. */
function invocations(count: number, tag: string): string {
  return Array.from({length: count}, (_, n) => {
    const invocation = JSON.parse(EXAMPLES[n % EXAMPLES.length]);
    return JSON.stringify({...invocation, input: {...invocation.input, writer: tag, n}});
  }).join('\n');
}

let trails = 0;
const newTrail = () => join(folder.path, `trail-${trails++}.jsonl`);
const enforceChain = (trail: string, input: string, flags: string[] = []) => aigc(['enforce', '--now', '1700000000', '--chain', trail, ...flags], {input, timeoutMs: 60_000});

/** Unchained artifacts to append. */
function artifacts(count: number, tag: string): string {
  const run = spawnSync(process.execPath, [CLI, 'enforce', '--now', '1700000000'], {cwd: REPO_ROOT, input: invocations(count, tag), maxBuffer: 1 << 28});
  return run.stdout.toString();
}

const linesOf = (file: string): Array<Record<string, unknown>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

async function verified(trail: string): Promise<{chains: Array<{chainId: string; artifacts: number; intact: number}>}> {
  const run = await aigc(['chain', 'verify', trail, '--json'], {timeoutMs: 60_000});
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout).files[0];
}

/** A lock as a writer of this machine that died leaves it: our identity with the pid of a child that has exited. */
function leaveDeadLock(trail: string): void {
  const probe = tryFileLock(`${trail}.probe`)!;
  const own = JSON.parse(readFileSync(`${trail}.probe.lock`, 'utf8'));
  probe.release();
  writeFileSync(`${trail}.lock`, JSON.stringify({...own, pid: spawnSync(process.execPath, ['-e', '0']).pid, token: 'dead'}));
}

describe('writers sharing a trail', () => {
  it('keep one chain that verifies, with every artifact of every writer in it once', async () => {
    const trail = newTrail();
    const runs = await Promise.all([
      enforceChain(trail, invocations(400, 'a')),
      enforceChain(trail, invocations(400, 'b'), ['--threads', '2']),
      enforceChain(trail, invocations(400, 'c')),
      aigc(['chain', 'append', trail], {input: artifacts(300, 'd'), timeoutMs: 60_000}),
      aigc(['chain', 'append', trail], {input: artifacts(300, 'e'), timeoutMs: 60_000}),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBeLessThanOrEqual(1);
    const report = await verified(trail);
    expect(report.chains).toHaveLength(1);
    expect(report.chains[0]).toMatchObject({artifacts: 1800, intact: 1800});
    const inTrail = linesOf(trail).map((artifact) => artifact.checksum);
    expect(new Set(inTrail).size).toBe(1800);
    // What each enforce printed is what is in the trail.
    for (const run of runs.slice(0, 3)) {
      const printed = run.stdout.trim().split('\n').map((line) => JSON.parse(line).checksum);
      expect(printed).toHaveLength(400);
      for (const checksum of printed) expect(inTrail).toContain(checksum);
    }
  });

  it('leave a trail that verifies and that the next writer continues, whenever one is killed with -9', async () => {
    const trail = newTrail();
    const input = invocations(6000, 'killed');
    // Fixed "random" moments, so a failure can be reproduced: before, during and after the first commits.
    for (const [run, delay] of [5, 120, 260, 340, 480, 700, 950].entries()) {
      const before = existsSync(trail) ? linesOf(trail).length : 0;
      // Every other writer decides on two threads.
      await killedAfter(['enforce', '--now', '1700000000', '--chain', trail, ...(run % 2 ? ['--threads', '2'] : [])], input, delay);
      // A killed writer's artifacts are in the trail or not at all, and the next writer goes on at once.
      const next = await aigc(['enforce', '--now', '1700000000', '--chain', trail], {input: invocations(5, `after-${delay}`), timeoutMs: 15_000});
      expect(next.signal, `the writer after a kill at ${delay} ms was stopped`).toBeNull();
      expect(next.code, next.stderr).toBeLessThanOrEqual(1);
      const trailNow = linesOf(trail);
      expect(trailNow.length).toBeGreaterThanOrEqual(before + 5);
      expect(trailNow.slice(-5).map((artifact) => artifact.chain_index)).toEqual([0, 1, 2, 3, 4].map((n) => trailNow.length - 5 + n));
      const report = await verified(trail);
      expect(report.chains).toHaveLength(1);
    }
  });

  it('take over a lock left by a writer that died, at once', async () => {
    const trail = newTrail();
    await enforceChain(trail, invocations(3, 'first'));
    leaveDeadLock(trail);
    const run = await aigc(['enforce', '--now', '1700000000', '--chain', trail], {input: invocations(3, 'second'), timeoutMs: 15_000});
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBeLessThanOrEqual(1);
    expect(existsSync(`${trail}.lock`)).toBe(false);
    expect((await verified(trail)).chains[0]).toMatchObject({artifacts: 6, intact: 6});
  });
});

describe('a chain file that cannot be written', () => {
  const commands: Array<[string, (trail: string) => Promise<CliRun>]> = [
    ['enforce --chain', (trail) => aigc(['enforce', '--chain', trail], {input: invocations(1, 'x'), timeoutMs: 15_000})],
    ['chain append', (trail) => aigc(['chain', 'append', trail], {input: artifacts(1, 'x'), timeoutMs: 15_000})],
  ];

  it.each(commands)('fails aigc %s at once with exit 3 and one line naming a missing folder', async (_name, write) => {
    const trail = join(folder.path, 'no-such-folder', 'trail.jsonl');
    expectOneLineError(await write(trail), 3, `${trail}: cannot append to the chain file (ENOENT)`);
  });

  it.each(commands)('fails aigc %s at once with exit 3 and one line for a path that is a folder', async (_name, write) => {
    const trail = join(folder.path, `a-folder-${trails++}`);
    mkdirSync(trail);
    expectOneLineError(await write(trail), 3, `${trail}: cannot append to the chain file (EISDIR)`);
  });

  // Root writes anywhere, so the check runs as "nobody" there.
  it.each(commands)('fails aigc %s at once with exit 3 and one line for a folder it may not write', async (_name, write) => {
    const parent = join(folder.path, `readable-${trails++}`);
    const locked = join(parent, 'read-only');
    mkdirSync(locked, {recursive: true});
    chmodSync(folder.path, 0o755);
    chmodSync(parent, 0o755);
    chmodSync(locked, 0o555);
    const trail = join(locked, 'trail.jsonl');
    const run = IS_ROOT ? await runAs(NOBODY, trail, _name) : await write(trail);
    expectOneLineError(run, 3, `${trail}: cannot append to the chain file (EACCES)`);
  });
});

describe('durability', () => {
  it('writes the same trail whichever is chosen', async () => {
    const input = invocations(40, 'same');
    const texts: string[] = [];
    for (const durability of ['batch', 'each', 'none']) {
      const trail = newTrail();
      const run = await enforceChain(trail, input, ['--chain-id', 'same', '--durability', durability]);
      expect(run.code, run.stderr).toBeLessThanOrEqual(1);
      texts.push(readFileSync(trail, 'utf8'));
    }
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
  });

  it('refuses an unknown choice, and the flag without --chain (exit 2)', async () => {
    expectOneLineError(await aigc(['enforce', '--chain', newTrail(), '--durability', 'sometimes']), 2, /--durability must be one of batch, each, none/);
    expectOneLineError(await aigc(['enforce', '--durability', 'each']), 2, /--durability needs --chain/);
    const append = await aigc(['chain', 'append', newTrail(), '--durability', 'sometimes']);
    expect(append.code).toBe(2);
    expect(append.stderr).toMatch(/durability/);
  });
});

describe('what enforce --chain prints', () => {
  it.each([[[]], [['--threads', '2']]])('is each artifact once it is in the trail, in input order, even while the input waits (%j)', async (flags: string[]) => {
    const trail = newTrail();
    const child = spawn(process.execPath, [CLI, 'enforce', '--now', '1700000000', '--chain', trail, ...flags], {cwd: REPO_ROOT});
    const lines = lineReader(child);
    try {
      for (let n = 0; n < 3; n++) {
        child.stdin.write(`${invocations(n + 1, 'slow').split('\n')[n]}\n`);
        // The next invocation is only sent once this one is printed: a writer waiting for more input would never print it.
        const printed = JSON.parse(await lines.next());
        expect(printed.chain_index).toBe(n);
        expect(linesOf(trail)[n]).toEqual(printed);
      }
    } finally {
      child.stdin.end();
    }
    expect(await new Promise((resolve) => child.on('close', resolve))).toBeLessThanOrEqual(1);
  });
});

/** Runs a writer as another user (the check of a folder root could write). */
function runAs(uid: number, trail: string, command: string): Promise<CliRun> {
  const args = command === 'chain append' ? ['chain', 'append', trail] : ['enforce', '--chain', trail];
  return aigc(args, {input: command === 'chain append' ? artifacts(1, 'x') : invocations(1, 'x'), uid, timeoutMs: 15_000});
}

/** Starts a writer and kills it with SIGKILL after `delayMs`; resolves once it is gone. */
function killedAfter(args: string[], input: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args], {cwd: REPO_ROOT, stdio: ['pipe', 'ignore', 'ignore']});
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  setTimeout(() => child.kill('SIGKILL'), delayMs);
  return new Promise((resolve) => child.on('close', () => resolve()));
}

/** The child's stdout line by line. */
function lineReader(child: ChildProcessWithoutNullStreams): {next(): Promise<string>} {
  let buffered = '';
  const waiting: Array<(line: string) => void> = [];
  const ready: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else ready.push(line);
    }
  });
  return {
    next: () => {
      const line = ready.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
