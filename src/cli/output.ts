// Delivering output: a report to stdout, or with `-o/--output FILE` to a file
// replaced atomically (a temporary file in the same folder, then a rename), so a
// reader never sees half a report and a failed write leaves the old file intact.
// A reader that goes away (EPIPE, as in `aigc … | head`) ends the output
// quietly, here and only here; any other write failure is kept to report.
import {randomBytes} from 'node:crypto';
import {chmod, open, rename, rm, stat} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {ioError} from './exit-codes.js';
import {systemErrorText} from './system-errors.js';

/** The part of a writable stream output is written through. */
export interface ReportStream {
  write(chunk: string | Uint8Array, callback: (error?: Error | null) => void): boolean;
  once(event: 'error' | 'close', listener: (error: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error' | 'close', listener: (error: Error) => void): unknown;
  writableLength?: number;
}

export interface ReportDestination {
  /** `-o/--output FILE`; when absent the report goes to `stdout`. */
  outputFile?: string;
  stdout: ReportStream;
  /** The folder a relative `outputFile` is in (default: the process's). */
  cwd?: string;
}

/** Writes the report where the user asked; write failures become exit-3 `CliError`s naming the file. */
export async function writeReport(report: string, destination: ReportDestination): Promise<void> {
  if (destination.outputFile !== undefined) {
    await writeFileAtomic(destination.outputFile, report, destination.cwd);
    return;
  }
  await writeToStream(destination.stdout, report);
}

/**
 * Replaces `file` (relative to `cwd`) with `contents`: written and flushed to a
 * temporary file beside it, then renamed over it. An existing file keeps its
 * permissions. A failure names `file` as given.
 */
export async function writeFileAtomic(file: string, contents: string, cwd?: string): Promise<void> {
  const target = cwd === undefined ? file : resolve(cwd, file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const existingMode = await modeOf(target);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existingMode !== undefined) await chmod(temporary, existingMode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => undefined);
    throw ioError(`cannot write the report: ${describeWriteError(error)}`, file, error);
  }
}

/**
 * Writes `text` to a stream and waits until it is handed on. Resolves `true`
 * once written, `false` when the reader has gone away (later writes to the
 * same stream are dropped quietly too); any other failure is an exit-3 error.
 */
export async function writeToStream(stream: ReportStream, text: string): Promise<boolean> {
  const output = OutputStream.of(stream);
  output.write(text);
  await output.drained();
  if (output.failure) throw ioError(`cannot write the report: ${describeWriteError(output.failure)}`, 'stdout', output.failure);
  return !output.closed;
}

const outputs = new WeakMap<ReportStream, OutputStream>();

/** A stream written piece by piece, with backpressure, that remembers how it ended. */
export class OutputStream {
  /** The reader went away or a write failed: nothing more is written. */
  closed = false;
  /** A write failure other than a reader that went away. */
  failure: NodeJS.ErrnoException | null = null;

  /** The one `OutputStream` of a stream, so a reader that went away stays gone for every writer. */
  static of(stream: ReportStream): OutputStream {
    let output = outputs.get(stream);
    if (output === undefined) {
      output = new OutputStream(stream);
      outputs.set(stream, output);
    }
    return output;
  }

  private constructor(private readonly stream: ReportStream) {
    // Every failure, reported here once; a closed pipe keeps reporting EPIPE for buffered writes.
    stream.on('error', (error) => this.fail(error));
  }

  write(text: string | Uint8Array): void {
    if (this.closed || text.length === 0) return;
    try {
      this.stream.write(text, (error) => {
        if (error) this.fail(error);
      });
    } catch (error) {
      // A stdout that is a file or device writes synchronously, and throws.
      this.fail(error as Error);
    }
  }

  /** Waits for the reader only when more than `limit` bytes are queued: waiting for every drain would stall on each pipe-sized write. */
  async backpressure(limit: number): Promise<void> {
    if (!this.closed && (this.stream.writableLength ?? 0) > limit) await this.drained();
  }

  /** Resolves once everything written has been handed to the reader (or the reader went away, or a write failed). */
  async drained(): Promise<void> {
    if (this.closed) return;
    // A write's callback runs once it, and so everything before it, is flushed;
    // a file or device reports a failed write in its callback, after the write.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('close', done);
        resolve();
      };
      this.stream.once('close', done);
      this.stream.write('', done);
    });
  }

  private fail(error: Error): void {
    this.closed = true;
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') this.failure ??= error as NodeJS.ErrnoException;
  }
}

async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function describeWriteError(error: unknown): string {
  const text = systemErrorText((error as NodeJS.ErrnoException | undefined)?.code, 'write');
  if (text !== undefined) return text;
  return error instanceof Error ? error.message : String(error);
}
