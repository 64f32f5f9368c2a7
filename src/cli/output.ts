// Delivering a finished report: to stdout, or with `-o/--output FILE` to a file
// replaced atomically (a temporary file in the same folder, then a rename), so a
// reader never sees half a report and a failed write leaves the old file intact.
import {randomBytes} from 'node:crypto';
import {chmod, open, rename, rm, stat} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {ioError} from './exit-codes.js';

/** The part of a writable stream a report is written through. */
export interface ReportStream {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
  once(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

export interface ReportDestination {
  /** `-o/--output FILE`; when absent the report goes to `stdout`. */
  outputFile?: string;
  stdout: ReportStream;
}

/** Writes the report where the user asked; write failures become exit-3 `CliError`s naming the file. */
export async function writeReport(report: string, destination: ReportDestination): Promise<void> {
  if (destination.outputFile !== undefined) {
    await writeFileAtomic(destination.outputFile, report);
    return;
  }
  await writeToStream(destination.stdout, report);
}

/**
 * Replaces `file` with `contents`: written and flushed to a temporary file
 * beside it, then renamed over it. An existing file keeps its permissions.
 */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const existingMode = await modeOf(file);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existingMode !== undefined) await chmod(temporary, existingMode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => undefined);
    throw ioError(`cannot write the report: ${describeSystemError(error)}`, file, error);
  }
}

const brokenPipes = new WeakSet<ReportStream>();

/**
 * Writes `text` to a stream. Resolves `true` once written, `false` when the
 * reader has gone away (EPIPE, as in `aigc … | head`): that is not an error,
 * and later writes to the same stream are dropped quietly too.
 */
export function writeToStream(stream: ReportStream, text: string): Promise<boolean> {
  if (brokenPipes.has(stream)) return Promise.resolve(false);
  if (text === '') return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error | null): void => {
      if (settled) return;
      settled = true;
      stream.off('error', finish);
      if (!error) {
        resolve(true);
      } else if (isBrokenPipe(error)) {
        markBroken(stream);
        resolve(false);
      } else {
        // Reported once, here; the stream may emit the same failure again.
        stream.on('error', () => undefined);
        reject(ioError(`cannot write the report: ${describeSystemError(error)}`, 'stdout', error));
      }
    };
    stream.once('error', finish);
    try {
      stream.write(text, finish);
    } catch (error) {
      // A stdout that is a file or device writes synchronously, and throws.
      finish(error as Error);
    }
  });
}

function markBroken(stream: ReportStream): void {
  if (brokenPipes.has(stream)) return;
  brokenPipes.add(stream);
  // A closed pipe keeps reporting EPIPE for buffered writes; those are expected now.
  stream.on('error', (error) => {
    if (!isBrokenPipe(error)) throw error;
  });
}

function isBrokenPipe(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'EPIPE';
}

async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

const SYSTEM_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'the path is a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EDQUOT: 'disk quota exceeded',
};

function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && code in SYSTEM_ERROR_TEXT) return `${SYSTEM_ERROR_TEXT[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
