// An exclusive lock on a file shared by processes, and by hosts on a shared
// folder: the lock is a file beside it, `<file>.lock`, created with O_EXCL and
// holding its holder's identity (pid, host, boot id, pid namespace, process
// start time, a random token). Use it around any read-modify-append of a file
// other processes append to; chain writers take it once per batch.
//
// A waiter checks the holder: on this machine a dead pid (or a live pid that
// started later than the holder, or a holder from before a reboot) means the
// lock is left over, and it is taken over at once; a holder on another host
// cannot be checked, so its lock is stale only once older than `staleMs`.
// Errors that retrying cannot fix (a missing or read-only folder, no
// permission) are thrown at once. Waiting sleeps (timers, or Atomics.wait in
// the synchronous form): it never spins the CPU.
//
// Taking over renames the lock away and checks that what it moved is the lock
// it judged (same inode, same mtime), putting back anything else, and a holder
// checks its token before it writes (`verify`), so two waiters never both take
// over one dead holder's lock. A directory `<file>.lock` is the lock of an
// older aigc (proper-lockfile): it still excludes, and is stale by age.

import {randomBytes} from 'node:crypto';
import {closeSync, linkSync, openSync, readFileSync, readlinkSync, renameSync, rmdirSync, type Stats, statSync, unlinkSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';

/** Who holds a lock, as its lock file records it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The kernel's boot id (Linux), to tell a holder from before a reboot. */
  boot_id: string | null;
  /** The holder's pid namespace (Linux): pids only compare within one. */
  pid_namespace: string | null;
  /** The holder's start time in clock ticks since boot (Linux), to tell a reused pid. */
  process_start: string | null;
  /** Random per acquisition: tells this holding from any other. */
  token: string;
  /** When the lock was taken, epoch milliseconds. */
  since: number;
}

export interface FileLockOptions {
  /** A lock whose holder cannot be checked (another host) is stale once its file is older than this (default 30 s). */
  staleMs?: number;
  /** Gives up waiting for a live holder after this long (default 120 s). */
  timeoutMs?: number;
}

/**
 * The lock cannot be taken: `code` is the system error code (ENOENT, EACCES,
 * EROFS…, thrown at once), `ETIMEDOUT` (a live holder kept it too long) or
 * `ELOCKLOST` (another writer took the lock over while it was held).
 */
export class FileLockError extends Error {
  override name = 'FileLockError';

  constructor(
    /** The file the lock is for (not the lock file). */
    readonly path: string,
    readonly code: string,
    message: string,
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }
}

/** A lock held by this process. */
export interface HeldLock {
  /** The lock file. */
  readonly lockPath: string;
  /** The holder whose lock was taken over (it had died, or its lock was stale); null when the lock was free. */
  readonly tookOverFrom: LockHolder | null;
  /** Throws FileLockError ELOCKLOST when the lock is no longer this holder's. */
  verify(): void;
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;
/** A lock file without a readable holder is being written (microseconds) or was left half-made: stale after this. */
const UNREADABLE_GRACE_MS = 2_000;
const FIRST_DELAY_MS = 1;
const MAX_DELAY_MS = 25;

/** Takes the lock on `file`, waiting for a live holder with timers. */
export async function acquireFileLock(file: string, options: FileLockOptions = {}): Promise<HeldLock> {
  const attempt = new LockAttempt(file, options);
  for (;;) {
    const held = attempt.tryOnce();
    if (held) return held;
    await new Promise((resolve) => setTimeout(resolve, attempt.nextDelay()));
  }
}

/** Takes the lock on `file`, waiting for a live holder by sleeping the thread. */
export function acquireFileLockSync(file: string, options: FileLockOptions = {}): HeldLock {
  const attempt = new LockAttempt(file, options);
  for (;;) {
    const held = attempt.tryOnce();
    if (held) return held;
    Atomics.wait(sleeper, 0, 0, attempt.nextDelay());
  }
}

/** Takes the lock on `file` if it is free (or left over), without waiting; null when a live holder has it. */
export function tryFileLock(file: string, options: FileLockOptions = {}): HeldLock | null {
  return new LockAttempt(file, options).tryOnce();
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

class LockAttempt {
  readonly lockPath: string;
  private readonly staleMs: number;
  private readonly deadline: number;
  private delay = FIRST_DELAY_MS;
  private lastHolder: LockHolder | null = null;

  constructor(
    readonly file: string,
    options: FileLockOptions,
  ) {
    this.lockPath = `${file}.lock`;
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** The lock, or null to wait and try again; throws what waiting cannot fix. */
  tryOnce(): HeldLock | null {
    let tookOverFrom: LockHolder | null = null;
    // A left-over lock is taken over and the lock tried again at once; twice at most, then wait as for a live one.
    for (let round = 0; round < 3; round++) {
      const me = ownIdentity();
      const created = this.create(me);
      if (created) return new Held(this.file, this.lockPath, me.token, tookOverFrom);
      const seen = this.look();
      if (seen === null) continue;
      if (!this.leftOver(seen)) {
        this.lastHolder = seen.holder;
        break;
      }
      if (this.takeOver(seen)) tookOverFrom = seen.holder ?? tookOverFrom ?? unknownHolder(seen.stats);
    }
    if (Date.now() > this.deadline) throw this.timeout();
    return null;
  }

  nextDelay(): number {
    const delay = this.delay * (0.5 + Math.random());
    this.delay = Math.min(MAX_DELAY_MS, this.delay * 1.5);
    return delay;
  }

  /** Creates the lock file with our identity; false when it exists. */
  private create(me: LockHolder): boolean {
    let fd: number;
    try {
      fd = openSync(this.lockPath, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw this.systemError(error);
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } catch (error) {
      closeSync(fd);
      unlinkSync(this.lockPath);
      throw this.systemError(error);
    }
    closeSync(fd);
    return true;
  }

  /** The lock as it is now: its file's identity and holder; null when it went away meanwhile. */
  private look(): SeenLock | null {
    let stats: Stats;
    try {
      stats = statSync(this.lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.systemError(error);
    }
    return {stats, holder: stats.isDirectory() ? null : readHolder(this.lockPath)};
  }

  /** Whether the lock is left over: its holder is dead, or (when that cannot be told) its file is stale. */
  private leftOver(seen: SeenLock): boolean {
    const {holder, stats} = seen;
    const age = Date.now() - stats.mtimeMs;
    if (holder === null) return age > (stats.isDirectory() ? this.staleMs : Math.min(this.staleMs, UNREADABLE_GRACE_MS));
    const verdict = holderOnThisMachine(holder);
    if (verdict === 'dead') return true;
    if (verdict === 'alive') return false;
    return age > this.staleMs;
  }

  /**
   * Moves the left-over lock away, then makes sure what moved is the lock
   * judged (same inode and mtime: a holder that came meanwhile has another
   * file); anything else is put back. True when the left-over lock is gone.
   */
  private takeOver(seen: SeenLock): boolean {
    const moved = `${this.lockPath}.${randomBytes(6).toString('hex')}.stale`;
    try {
      renameSync(this.lockPath, moved);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw this.systemError(error);
    }
    try {
      const now = statSync(moved);
      const same = now.ino === seen.stats.ino && now.mtimeMs === seen.stats.mtimeMs;
      if (!same) putBack(moved, this.lockPath, now.isDirectory());
      // proper-lockfile's lock is an empty directory.
      else if (now.isDirectory()) rmdirSync(moved);
      else unlinkSync(moved);
      return same;
    } catch (error) {
      throw this.systemError(error);
    }
  }

  private timeout(): FileLockError {
    const holder = this.lastHolder;
    const who = holder ? ` (pid ${holder.pid} on host ${holder.host})` : '';
    return new FileLockError(this.file, 'ETIMEDOUT', `gave up waiting for the lock held by another writer${who}: ${this.lockPath}`);
  }

  private systemError(error: unknown): FileLockError {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return new FileLockError(this.file, code, `cannot lock the file (${code})`, {cause: error});
  }
}

interface SeenLock {
  stats: Stats;
  /** null for an unreadable lock file, or an older aigc's lock directory. */
  holder: LockHolder | null;
}

class Held implements HeldLock {
  private released = false;

  constructor(
    private readonly file: string,
    readonly lockPath: string,
    private readonly token: string,
    readonly tookOverFrom: LockHolder | null,
  ) {}

  verify(): void {
    if (readHolder(this.lockPath)?.token !== this.token) {
      throw new FileLockError(this.file, 'ELOCKLOST', `the lock was taken over by another writer: ${this.lockPath}`);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (readHolder(this.lockPath)?.token !== this.token) return;
    try {
      unlinkSync(this.lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** A lock we moved that turned out to be someone else's: back in place unless another holder came meanwhile. */
function putBack(moved: string, lockPath: string, isDirectory: boolean): void {
  try {
    if (isDirectory) renameSync(moved, lockPath);
    else linkSync(moved, lockPath);
  } catch {
    // A new holder has the lock now: the one we moved finds it lost when it verifies before writing.
  }
  if (!isDirectory) unlinkSync(moved);
}

function readHolder(lockPath: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.token !== 'string') return null;
    return {
      pid: value.pid,
      host: value.host,
      boot_id: typeof value.boot_id === 'string' ? value.boot_id : null,
      pid_namespace: typeof value.pid_namespace === 'string' ? value.pid_namespace : null,
      process_start: typeof value.process_start === 'string' ? value.process_start : null,
      token: value.token,
      since: typeof value.since === 'number' ? value.since : 0,
    };
  } catch {
    return null;
  }
}

function unknownHolder(stats: Stats): LockHolder {
  return {pid: 0, host: '', boot_id: null, pid_namespace: null, process_start: null, token: '', since: stats.mtimeMs};
}

/**
 * 'dead' or 'alive' for a holder on this machine (same host, same pid
 * namespace), 'unknown' for one elsewhere.
 */
function holderOnThisMachine(holder: LockHolder): 'dead' | 'alive' | 'unknown' {
  const me = machine();
  if (holder.host !== me.host) return 'unknown';
  if (holder.boot_id !== null && me.bootId !== null && holder.boot_id !== me.bootId) return 'dead';
  if (holder.pid_namespace !== me.pidNamespace) return 'unknown';
  if (!pidAlive(holder.pid)) return 'dead';
  if (holder.process_start !== null) {
    const start = processStart(holder.pid);
    if (start !== null && start !== holder.process_start) return 'dead';
  }
  return 'alive';
}

function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

interface Machine {
  host: string;
  bootId: string | null;
  pidNamespace: string | null;
  ownStart: string | null;
}

let thisMachine: Machine | null = null;

function machine(): Machine {
  thisMachine ??= {
    host: hostname(),
    bootId: readOptional(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    pidNamespace: readOptional(() => readlinkSync('/proc/self/ns/pid')),
    ownStart: processStart('self'),
  };
  return thisMachine;
}

function ownIdentity(): LockHolder {
  const me = machine();
  return {
    pid: process.pid,
    host: me.host,
    boot_id: me.bootId,
    pid_namespace: me.pidNamespace,
    process_start: me.ownStart,
    token: randomBytes(12).toString('hex'),
    since: Date.now(),
  };
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot), after the command name, which may hold anything. */
function processStart(pid: number | 'self'): string | null {
  const stat = readOptional(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function readOptional(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}
