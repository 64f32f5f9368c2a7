// Streaming JSONL (one JSON value per line) in constant memory, for audit
// trails of any size: a file path, `-` (stdin) or any byte stream in, one
// record per non-blank line out, in file order.
//
// - Every record carries its 1-based `line` and the byte `offset` where the
//   line starts (a leading BOM counts in offsets, not in `text`).
// - A parsed line is `{kind: 'value', value, text}`: `value` comes from
//   `parseJson` (Python `json.loads` semantics: exact big integers, `PyFloat`
//   for `1.0`, last-wins duplicate keys), so canonical bytes and checksums of
//   artifacts the reference wrote (`1.0`, `1e-07`, `\uXXXX` escapes, `", "`
//   separators) come out exactly; `text` is the line without its ending, for
//   callers that hash or quote the bytes as written.
// - A line that cannot be read is `{kind: 'invalid', reason, message}` and
//   reading goes on: `json` (with the column), `utf8`, `too-long` (over
//   `maxLineBytes`, default 64 MiB: reported once and skipped without being
//   buffered) or `truncated` (the last line has no newline and is not complete
//   JSON, or ends inside a UTF-8 character; a last line without a newline that
//   parses is accepted).
// - Blank lines are skipped but counted; CRLF endings and a leading UTF-8 BOM
//   are accepted.
// - A source that cannot be opened or read (missing, a folder, no permission)
//   throws `JsonlSourceError` with the system error code.
//
// Use it to read a trail on one thread (verify, compliance, lineage), from
// any source, stdin included. Use jsonl-batches.ts instead only to hand a
// large file's lines to worker threads, and json-values.ts for input that may
// hold pretty-printed values (enforce and chain append input).

import {isUtf8} from 'node:buffer';
import {open} from 'node:fs/promises';
import type {Readable} from 'node:stream';
import {JsonSyntaxError, parseJson} from '../canonical/json.js';
import type {PyValue} from '../python/values.js';

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export type JsonlInvalidReason = 'json' | 'utf8' | 'too-long' | 'truncated';

export interface JsonlValueRecord {
  kind: 'value';
  /** 1-based line number; blank lines count. */
  line: number;
  /** Byte offset of the line's first byte in the source. */
  offset: number;
  value: PyValue;
  /** The line as written, without `\n` / `\r\n` (and without a leading BOM). */
  text: string;
}

export interface JsonlInvalidRecord {
  kind: 'invalid';
  line: number;
  offset: number;
  reason: JsonlInvalidReason;
  message: string;
  /** 1-based column of a JSON syntax error, when known. */
  column?: number;
}

export type JsonlRecord = JsonlValueRecord | JsonlInvalidRecord;

/** A path (`-` for stdin), a readable stream, or any async iterable of bytes. */
export type JsonlSource = string | Readable | AsyncIterable<Uint8Array | string>;

export interface JsonlOptions {
  /** Lines longer than this many bytes are reported as `too-long` and skipped. */
  maxLineBytes?: number;
  /** What `-` reads; default `process.stdin`. */
  stdin?: Readable;
  /** Read size for files. */
  chunkBytes?: number;
  /** Called after each chunk with the total bytes read so far (for progress displays). */
  onRead?: (bytesRead: number) => void;
  /**
   * Parses one line; default `parseJson`. A replacement must throw
   * `JsonSyntaxError` for text that is not JSON (e.g. a faster parser for
   * callers that need only canonical bytes, falling back to `parseJson`).
   */
  parse?: (text: string) => PyValue;
}

/** The source could not be opened or read; `code` is the system error code (`ENOENT`, `EISDIR`, `EACCES`, …). */
export class JsonlSourceError extends Error {
  override name = 'JsonlSourceError';
  constructor(
    readonly path: string,
    readonly code: string,
    options?: {cause?: unknown},
  ) {
    super(`cannot read ${path} (${code})`, options);
  }
}

/** Reads JSON values line by line; see the module header for the record shapes. */
export async function* readJsonLines(source: JsonlSource, options: JsonlOptions = {}): AsyncGenerator<JsonlRecord> {
  const splitter = new JsonlSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, options.parse);
  let bytesRead = 0;
  for await (const chunk of byteChunks(source, options)) {
    bytesRead += chunk.length;
    for (const record of splitter.records(chunk)) yield record;
    options.onRead?.(bytesRead);
  }
  const last = splitter.end();
  if (last !== null) yield last;
}

async function* byteChunks(source: JsonlSource, options: JsonlOptions): AsyncGenerator<Buffer> {
  if (typeof source === 'string' && source !== '-') {
    yield* fileChunks(source, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    return;
  }
  const stream = source === '-' ? (options.stdin ?? process.stdin) : source;
  const name = source === '-' ? 'stdin' : 'stream';
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    }
  } catch (error) {
    throw sourceError(name, error);
  }
}

/** Reads a file into one reused buffer: the splitter copies only the unfinished last line. */
async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const handle = await openJsonlFile(path);
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      let bytesRead: number;
      try {
        ({bytesRead} = await handle.read(buffer, 0, chunkBytes, null));
      } catch (error) {
        throw sourceError(path, error);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export type JsonlFileHandle = Awaited<ReturnType<typeof open>>;

/** Opens a file to read lines from; throws `JsonlSourceError` for one that cannot be opened or is a folder. */
export async function openJsonlFile(path: string): Promise<JsonlFileHandle> {
  let handle: JsonlFileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw sourceError(path, error);
  }
  try {
    if ((await handle.stat()).isDirectory()) throw new JsonlSourceError(path, 'EISDIR');
  } catch (error) {
    await handle.close();
    throw sourceError(path, error);
  }
  return handle;
}

/** `error` as a `JsonlSourceError` of `path`. */
export function sourceError(path: string, error: unknown): JsonlSourceError {
  if (error instanceof JsonlSourceError) return error;
  return new JsonlSourceError(path, (error as NodeJS.ErrnoException)?.code ?? 'EIO', {cause: error});
}

/** Where a line starts: the lines before it (blank ones included) and its byte offset. */
export interface LinePosition {
  linesBefore: number;
  offset: number;
}

/** The record of a line over the size limit, wherever it is found to be one. */
export function tooLongRecord(line: number, offset: number, maxLineBytes: number): JsonlInvalidRecord {
  return {kind: 'invalid', line, offset, reason: 'too-long', message: `line ${line} is longer than ${maxLineBytes} bytes; skipped`};
}

/**
 * Splits bytes into line records. Feed chunks to `records` (the chunk may be
 * reused once its records are consumed), then call `end`.
 */
export class JsonlSplitter {
  /** Start of the unfinished line, copied out of the caller's chunk. */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Inside a line already reported as too long: drop bytes until its newline. */
  private skipping = false;
  private lineNumber: number;
  /** Offset of the next byte to arrive, and of the current line's start. */
  private position: number;
  private lineStart: number;

  /** `start`: where the bytes begin, for a splitter fed a part of a file that starts at a line boundary. */
  constructor(
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    private readonly parse: (text: string) => PyValue = parseJson,
    start: LinePosition = {linesBefore: 0, offset: 0},
  ) {
    this.lineNumber = start.linesBefore;
    this.position = start.offset;
    this.lineStart = start.offset;
  }

  *records(chunk: Buffer): Generator<JsonlRecord> {
    const chunkStart = this.position;
    this.position += chunk.length;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (this.skipping) {
        // The line was reported as too long: its bytes are dropped.
      } else if (this.carryBytes + (end - start) > this.maxLineBytes) {
        yield this.tooLong();
      } else if (newline === -1) {
        if (end > start) this.keep(chunk.subarray(start, end));
      } else {
        const record = this.line(this.take(chunk, start, end), false);
        if (record !== null) yield record;
      }
      if (newline === -1) return;
      this.skipping = false;
      this.lineNumber++;
      start = newline + 1;
      this.lineStart = chunkStart + start;
    }
  }

  /** The record of a last line without a newline, if any. */
  end(): JsonlRecord | null {
    if (this.skipping || this.carryBytes === 0) return null;
    const record = this.line(this.take(Buffer.alloc(0), 0, 0), true);
    this.carry = [];
    this.carryBytes = 0;
    return record;
  }

  private keep(bytes: Buffer): void {
    this.carry.push(Buffer.from(bytes));
    this.carryBytes += bytes.length;
  }

  /** The whole current line: the kept start followed by `chunk[start, end)`. */
  private take(chunk: Buffer, start: number, end: number): Buffer {
    if (this.carryBytes === 0) return chunk.subarray(start, end);
    this.carry.push(chunk.subarray(start, end));
    const whole = Buffer.concat(this.carry);
    this.carry = [];
    this.carryBytes = 0;
    return whole;
  }

  private tooLong(): JsonlRecord {
    this.skipping = true;
    this.carry = [];
    this.carryBytes = 0;
    return tooLongRecord(this.lineNumber + 1, this.lineStart, this.maxLineBytes);
  }

  private line(bytes: Buffer, last: boolean): JsonlRecord | null {
    const line = this.lineNumber + 1;
    const offset = this.lineStart;
    let from = 0;
    let to = bytes.length;
    if (line === 1 && to >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    if (to > from && bytes[to - 1] === 0x0d) to--;
    if (!isUtf8(bytes.subarray(from, to))) {
      return last && endsInsideCharacter(bytes.subarray(from, to))
        ? {kind: 'invalid', line, offset, reason: 'truncated', message: `line ${line} has no newline and ends inside a UTF-8 character; the file looks truncated`}
        : {kind: 'invalid', line, offset, reason: 'utf8', message: `line ${line} is not valid UTF-8`};
    }
    const text = bytes.toString('utf8', from, to);
    if (isBlank(text)) return null;
    try {
      return {kind: 'value', line, offset, value: this.parse(text), text};
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const where = error.reasonAtColumn;
      return last
        ? {kind: 'invalid', line, offset, reason: 'truncated', column: error.column, message: `line ${line} has no newline and is not complete JSON (${where}); the file looks truncated`}
        : {kind: 'invalid', line, offset, reason: 'json', column: error.column, message: `line ${line} is not valid JSON: ${where}`};
    }
  }
}

/** Valid UTF-8 but for an incomplete character at the very end (what a cut-off write leaves). */
function endsInsideCharacter(bytes: Buffer): boolean {
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    if (bytes[bytes.length - cut] >= 0xc0) return isUtf8(bytes.subarray(0, bytes.length - cut));
  }
  return false;
}

/** Whitespace only: skipped, as the reference's readers skip lines that `str.strip()` empties. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x7b || first === 0x5b) return false;
  return text.trim() === '';
}
