// Appending to a file that other processes append to, under its lock (see
// file-lock.ts): the primitive chain writers build on. The caller sees the
// file as it is once the lock is held (its descriptor and size), decides what
// to add, and gets it written at the end in one call, synced to disk when
// asked, before anything else happens under the lock. Use it wherever what is
// appended depends on what the file already holds; a plain log line needs no
// lock (`appendFileSync`).
//
// The asynchronous form waits for the sync in the thread pool, so the caller
// can go on (deciding the next batch) while the disk works; the lock is held
// until the sync is done, so appends in this process to the same file queue
// behind it, and a synchronous append to it meanwhile is refused (it could
// only wait for ever: the thread it blocks is the one that would finish).

import {closeSync, fdatasync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {promisify} from 'node:util';
import {acquireFileLock, acquireFileLockSync, FileLockError, type FileLockOptions, type HeldLock, tryFileLock} from './file-lock.js';

/** The file under its lock. */
export interface LockedFile {
  readonly path: string;
  /** Open for reading and appending. */
  readonly fd: number;
  /** Its size when the lock was taken: everything before was written by earlier holders. */
  readonly size: number;
  readonly lock: HeldLock;
  /** Cuts the file back to `size` bytes (a torn last line a holder that died left behind). */
  truncate(size: number): void;
}

/** What to append, and what to do once it is written (still under the lock). */
export interface AppendPlan<T> {
  bytes: Uint8Array;
  /** Runs after the bytes are written (and synced), before the lock is released; `end` is the file's new size. */
  written(end: number): T;
}

export interface LockedAppendOptions extends FileLockOptions {
  /** fdatasync the bytes before `written` runs (and the folder, for a file that was empty). */
  sync: boolean;
}

/** Files this process is appending to asynchronously, each with the promise of that append's end. */
const appendingHere = new Map<string, Promise<unknown>>();

const fdatasyncInPool = promisify(fdatasync);

/**
 * Appends under the lock, waiting for other holders with timers and for the
 * sync in the thread pool; a promise `written` returns is waited for before
 * the lock is released.
 */
export async function appendLocked<T>(path: string, options: LockedAppendOptions, plan: (file: LockedFile) => AppendPlan<T>): Promise<Awaited<T>> {
  const key = resolve(path);
  for (let busy = appendingHere.get(key); busy !== undefined; busy = appendingHere.get(key)) await busy.catch(() => undefined);
  const appending = appendHeldAsync(path, options, plan);
  appendingHere.set(key, appending);
  try {
    return await appending;
  } finally {
    appendingHere.delete(key);
  }
}

/** Appends under the lock, waiting for other holders (and the sync) by blocking the thread. */
export function appendLockedSync<T>(path: string, options: LockedAppendOptions, plan: (file: LockedFile) => AppendPlan<T>): T {
  if (appendingHere.has(resolve(path))) {
    throw new FileLockError(path, 'EDEADLK', 'this process is appending to the file asynchronously: a synchronous append would wait for ever');
  }
  const lock = acquireFileLockSync(path, options);
  try {
    const fd = openSync(path, 'a+');
    try {
      const {written, appended} = writePlan(path, fd, lock, plan);
      if (appended.length > 0 && options.sync) syncWritten(path, fd, appended.wasEmpty);
      return written(appended.end);
    } finally {
      closeSync(fd);
    }
  } finally {
    lock.release();
  }
}

async function appendHeldAsync<T>(path: string, options: LockedAppendOptions, plan: (file: LockedFile) => AppendPlan<T>): Promise<Awaited<T>> {
  // Uncontended, the lock is taken without a turn of the event loop.
  const lock = tryFileLock(path, options) ?? (await acquireFileLock(path, options));
  try {
    const fd = openSync(path, 'a+');
    try {
      const {written, appended} = writePlan(path, fd, lock, plan);
      if (appended.length > 0 && options.sync) {
        await fdatasyncInPool(fd);
        if (appended.wasEmpty) syncFolder(path);
      }
      return await written(appended.end);
    } finally {
      closeSync(fd);
    }
  } finally {
    lock.release();
  }
}

interface Appended {
  length: number;
  end: number;
  wasEmpty: boolean;
}

/** Under the lock: shows the file to `plan` and writes what it returns. */
function writePlan<T>(path: string, fd: number, lock: HeldLock, plan: (file: LockedFile) => AppendPlan<T>): {written: (end: number) => T; appended: Appended} {
  let size = fstatSync(fd).size;
  const wasEmpty = size === 0;
  const file: LockedFile = {
    path,
    fd,
    lock,
    get size() {
      return size;
    },
    truncate(to: number) {
      ftruncateSync(fd, to);
      size = to;
    },
  };
  const {bytes, written} = plan(file);
  if (bytes.length > 0) {
    lock.verify();
    writeAll(fd, bytes, size);
  }
  return {written, appended: {length: bytes.length, end: size + bytes.length, wasEmpty}};
}

function syncWritten(path: string, fd: number, wasEmpty: boolean): void {
  fdatasyncSync(fd);
  if (wasEmpty) syncFolder(path);
}

/** One write call (more only if the system writes part); a failed write leaves the file as it was. */
function writeAll(fd: number, bytes: Uint8Array, size: number): void {
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } catch (error) {
    if (done > 0) ftruncateSync(fd, size);
    throw error;
  }
}

/** A new file's name is durable once its folder is synced; where folders cannot be opened (Windows) there is nothing to do. */
function syncFolder(path: string): void {
  let fd: number;
  try {
    fd = openSync(dirname(path), 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to sync a folder; the data itself is synced.
  } finally {
    closeSync(fd);
  }
}
