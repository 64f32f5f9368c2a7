// Reading a file that must be a regular file (a policy, a suite, a fixture).
// It is examined before it is opened, so a FIFO, socket or device is refused
// without being opened (a FIFO would block the read, a device may act on
// open), and examined again once open, in case it was swapped for one in
// between; the descriptor is opened non-blocking for the same reason. Every
// failure is a typed problem, worded by the caller.

import {closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync} from 'node:fs';

export type FileProblem =
  /** nothing at that path (ENOENT, or ENOTDIR: a file where a folder was expected) */
  | {reason: 'missing'; code: string}
  | {reason: 'is-directory'}
  | {reason: 'not-regular-file'; type: SpecialFileType}
  | {reason: 'permission-denied'; code: string}
  | {reason: 'too-large'; size: number; limit: number}
  /** any other system error (EIO, ELOOP, ENAMETOOLONG…) */
  | {reason: 'io-error'; code: string};

export type SpecialFileType = 'named pipe' | 'socket' | 'device' | 'special file';

export type FileBytes = {ok: true; bytes: Buffer} | {ok: false; problem: FileProblem};

/** Reads the regular file at `path` (following links), refusing one larger than `limit` bytes before reading it. */
export function readRegularFile(path: string, limit = Number.POSITIVE_INFINITY): FileBytes {
  let descriptor: number | undefined;
  try {
    const refusal = refusalOf(statSync(path), limit);
    if (refusal) return {ok: false, problem: refusal};
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const opened = fstatSync(descriptor);
    const changed = refusalOf(opened, limit);
    if (changed) return {ok: false, problem: changed};
    return readAll(descriptor, opened.size, limit);
  } catch (error) {
    return {ok: false, problem: systemProblem(error)};
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The problem as a system error code (`ENOENT`, `EISDIR`…), or a few words where the system has none. */
export function fileProblemCode(problem: FileProblem): string {
  switch (problem.reason) {
    case 'is-directory':
      return 'EISDIR';
    case 'not-regular-file':
      return `not a regular file (a ${problem.type})`;
    case 'too-large':
      return `larger than ${problem.limit} bytes`;
    default:
      return problem.code;
  }
}

/** What `fs.Stats` and directory entries say of a file's type. */
export interface FileType {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What a special file is, for messages. */
export function specialFileType(stats: FileType): SpecialFileType {
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'special file';
}

function refusalOf(stats: Stats, limit: number): FileProblem | undefined {
  if (stats.isDirectory()) return {reason: 'is-directory'};
  if (!stats.isFile()) return {reason: 'not-regular-file', type: specialFileType(stats)};
  if (stats.size > limit) return {reason: 'too-large', size: stats.size, limit};
  return undefined;
}

/** The file's bytes; one that grows past `limit` while it is read is refused too. */
function readAll(descriptor: number, size: number, limit: number): FileBytes {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunkSize = Math.min(Math.max(size + 1, 1 << 16), limit + 1);
  for (;;) {
    const chunk = Buffer.alloc(Math.min(chunkSize, limit + 1 - total));
    const read = readSync(descriptor, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > limit) return {ok: false, problem: {reason: 'too-large', size: total, limit}};
  }
  return {ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)};
}

function systemProblem(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return {reason: 'missing', code};
  if (code === 'EACCES' || code === 'EPERM') return {reason: 'permission-denied', code};
  if (code === 'EISDIR') return {reason: 'is-directory'};
  return {reason: 'io-error', code};
}
