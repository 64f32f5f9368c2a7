// The lock chain writers take: who holds it is recorded in it, a lock left
// by a process that died is taken over at once, one from another host only
// once stale, an older aigc's lock directory still excludes, and errors no
// wait can fix are thrown at once.
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {acquireFileLock, acquireFileLockSync, FileLockError, type LockHolder, tryFileLock} from '../../src/io/file-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'aigc-lock-'));
const trailIn = (dir: string) => join(dir, 'trail.jsonl');
const IS_LINUX = existsSync('/proc/self/stat');
const IS_ROOT = process.getuid?.() === 0;

/** A pid that no process has: one of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

function holder(fields: Partial<LockHolder>): LockHolder {
  const own = JSON.parse(readOwnLock()) as LockHolder;
  return {...own, token: 'someone-else', ...fields};
}

/** What this process writes in a lock it takes. */
let ownLock: string | null = null;
function readOwnLock(): string {
  if (ownLock === null) {
    const file = trailIn(folder());
    const lock = tryFileLock(file)!;
    ownLock = readFileSync(`${file}.lock`, 'utf8');
    lock.release();
  }
  return ownLock;
}

function writeLock(file: string, content: LockHolder | string, ageMs = 0): void {
  writeFileSync(`${file}.lock`, typeof content === 'string' ? content : JSON.stringify(content));
  if (ageMs > 0) {
    const then = (Date.now() - ageMs) / 1000;
    utimesSync(`${file}.lock`, then, then);
  }
}

describe('the chain file lock', () => {
  it("records its holder's pid, host, start time and a token, and is gone once released", () => {
    const file = trailIn(folder());
    const lock = tryFileLock(file);
    expect(lock).not.toBeNull();
    const recorded = JSON.parse(readFileSync(`${file}.lock`, 'utf8')) as LockHolder;
    expect(recorded).toMatchObject({pid: process.pid, host: hostname(), token: expect.stringMatching(/^[0-9a-f]{24}$/)});
    if (IS_LINUX) expect(recorded.process_start).toMatch(/^\d+$/);
    lock!.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('is not taken while a live holder has it, and a waiter gives up naming the holder', async () => {
    const file = trailIn(folder());
    const lock = tryFileLock(file)!;
    expect(tryFileLock(file)).toBeNull();
    await expect(acquireFileLock(file, {timeoutMs: 50})).rejects.toMatchObject({code: 'ETIMEDOUT', message: expect.stringContaining(`pid ${process.pid}`)});
    lock.release();
    expect(tryFileLock(file)).not.toBeNull();
  });

  it('is taken over at once from a holder that died, telling whose it was', () => {
    const file = trailIn(folder());
    const dead = deadPid();
    writeLock(file, holder({pid: dead}));
    const lock = tryFileLock(file);
    expect(lock?.tookOverFrom).toMatchObject({pid: dead});
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
  });

  it.skipIf(!IS_LINUX)('is taken over from a live pid that started after the holder did (a reused pid)', () => {
    const file = trailIn(folder());
    writeLock(file, holder({process_start: '1'}));
    expect(tryFileLock(file)?.tookOverFrom).toMatchObject({pid: process.pid, process_start: '1'});
  });

  it.skipIf(!IS_LINUX)('is taken over from a holder on this host from before a reboot', () => {
    const file = trailIn(folder());
    writeLock(file, holder({boot_id: 'another-boot', pid: 1}));
    expect(tryFileLock(file)?.tookOverFrom).toMatchObject({boot_id: 'another-boot'});
  });

  it('waits for a holder on another host until its lock is stale', () => {
    const file = trailIn(folder());
    writeLock(file, holder({host: 'elsewhere', pid: 1}));
    expect(tryFileLock(file, {staleMs: 60_000})).toBeNull();
    writeLock(file, holder({host: 'elsewhere', pid: 1}), 120_000);
    expect(tryFileLock(file, {staleMs: 60_000})?.tookOverFrom).toMatchObject({host: 'elsewhere'});
  });

  it('takes over a lock file without a readable holder only once it is old', () => {
    const file = trailIn(folder());
    writeLock(file, '');
    expect(tryFileLock(file)).toBeNull();
    writeLock(file, '{"pid":', 10_000);
    expect(tryFileLock(file)).not.toBeNull();
  });

  it("excludes with an older aigc's lock directory, and removes it once stale", () => {
    const file = trailIn(folder());
    mkdirSync(`${file}.lock`);
    expect(tryFileLock(file, {staleMs: 60_000})).toBeNull();
    const then = (Date.now() - 120_000) / 1000;
    utimesSync(`${file}.lock`, then, then);
    expect(tryFileLock(file, {staleMs: 60_000})).not.toBeNull();
  });

  it('knows when it was taken over while held, and then leaves the new lock alone', () => {
    const file = trailIn(folder());
    const lock = tryFileLock(file)!;
    lock.verify();
    writeLock(file, holder({}));
    expect(() => lock.verify()).toThrow(expect.objectContaining({code: 'ELOCKLOST'}));
    lock.release();
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('someone-else');
  });

  it('fails at once in a folder that does not exist, or under a file', async () => {
    const dir = folder();
    const missing = join(dir, 'missing', 'trail.jsonl');
    expect(() => acquireFileLockSync(missing)).toThrow(expect.objectContaining({code: 'ENOENT', path: missing}));
    await expect(acquireFileLock(missing)).rejects.toBeInstanceOf(FileLockError);
    writeFileSync(join(dir, 'plain-file'), '');
    expect(() => tryFileLock(join(dir, 'plain-file', 'trail.jsonl'))).toThrow(expect.objectContaining({code: 'ENOTDIR'}));
  });

  it.skipIf(IS_ROOT)('fails at once in a folder it may not write', () => {
    const dir = folder();
    chmodSync(dir, 0o555);
    try {
      expect(() => tryFileLock(trailIn(dir))).toThrow(expect.objectContaining({code: 'EACCES'}));
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
