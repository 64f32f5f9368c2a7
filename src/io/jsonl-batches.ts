// A JSONL file read in large batches of whole lines, so the lines can be
// split and parsed elsewhere (worker threads) while the file is read in
// constant memory: each batch owns its bytes (a buffer that can be
// transferred), knows where it starts (lines before, byte offset), and
// `batchRecords` turns it into exactly the records `readJsonLines` gives for
// those lines. A line over the size limit that spans batches is reported here,
// once, and skipped without being buffered.
//
// Use it only where lines are examined on other threads (parallel trail
// verification): it reads files, not streams, and on one thread
// `readJsonLines` (jsonl.ts) gives the same records more simply.

import type {PyValue} from '../python/values.js';
import {
  DEFAULT_MAX_LINE_BYTES,
  type JsonlFileHandle,
  type JsonlInvalidRecord,
  type JsonlRecord,
  JsonlSplitter,
  type LinePosition,
  openJsonlFile,
  sourceError,
  tooLongRecord,
} from './jsonl.js';

export const DEFAULT_BATCH_BYTES = 512 * 1024;
const NEWLINE = 0x0a;

/** Whole lines of a file (the last one may lack its newline at the end of the file). */
export interface LineBatch extends LinePosition {
  kind: 'lines';
  /** A view on a buffer of its own, so it can be transferred to another thread. */
  bytes: Uint8Array;
}

/** A line over the limit, found while it was still unfinished. */
export interface TooLongLine {
  kind: 'too-long';
  record: JsonlInvalidRecord;
}

export type FileBatch = (LineBatch | TooLongLine) & {
  /** Bytes of the file read once this batch is done with (for progress). */
  bytesThrough: number;
};

export interface BatchOptions {
  batchBytes?: number;
  maxLineBytes?: number;
  /** Where batch buffers come from; give them back with `recycle` once a batch is done with, so memory is reused. */
  buffers?: BatchBuffers;
}

/**
 * Buffers for batches, reused: without this every batch would be a fresh
 * allocation freed by another thread, which the allocator does not give back
 * to the system promptly.
 */
export class BatchBuffers {
  private readonly free: ArrayBuffer[] = [];

  /** `batchBytes`: the read size; a buffer holds that plus room for an unfinished line carried over. */
  constructor(readonly batchBytes: number = DEFAULT_BATCH_BYTES) {}

  /** A buffer of at least `size` bytes, with an `ArrayBuffer` of its own. */
  take(size: number): Buffer {
    const capacity = this.batchBytes + CARRY_ROOM;
    if (size > capacity) return Buffer.allocUnsafeSlow(size);
    const reused = this.free.pop();
    return reused === undefined ? Buffer.allocUnsafeSlow(capacity) : Buffer.from(reused);
  }

  recycle(buffer: ArrayBufferLike): void {
    if (buffer.byteLength === this.batchBytes + CARRY_ROOM && this.free.length < MAX_FREE) this.free.push(buffer as ArrayBuffer);
  }
}

const CARRY_ROOM = 64 * 1024;
const MAX_FREE = 16;

/** Reads `path` in batches of about `batchBytes`; throws `JsonlSourceError` when it cannot be read. */
export async function* readLineBatches(path: string, options: BatchOptions = {}): AsyncGenerator<FileBatch> {
  const buffers = options.buffers ?? new BatchBuffers(options.batchBytes);
  const batchBytes = buffers.batchBytes;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await openJsonlFile(path);
  try {
    // The unfinished line at the end of what was read, in the pieces it was
    // read in: joined once its newline comes, so a long line costs its length
    // once, not once per read.
    let pieces: Buffer[] = [];
    let unfinished = 0;
    const position: LinePosition = {linesBefore: 0, offset: 0};
    let skipping = false;
    let bytesThrough = 0;
    for (;;) {
      const fresh = buffers.take(batchBytes).subarray(0, batchBytes);
      const bytesRead = await readInto(handle, path, fresh, 0);
      bytesThrough += bytesRead;
      if (bytesRead === 0) {
        buffers.recycle(fresh.buffer);
        if (unfinished > 0 && !skipping) yield {kind: 'lines', bytes: joined(pieces, unfinished, buffers), ...position, bytesThrough};
        return;
      }
      const data = fresh.subarray(0, bytesRead);
      let start = 0;
      if (skipping) {
        const newline = data.indexOf(NEWLINE);
        if (newline === -1) {
          position.offset += data.length;
          buffers.recycle(fresh.buffer);
          continue;
        }
        skipping = false;
        start = newline + 1;
        position.linesBefore++;
        position.offset += start;
      }
      const last = data.lastIndexOf(NEWLINE);
      if (last < start) {
        pieces.push(ownCopy(data.subarray(start)));
        unfinished += data.length - start;
        buffers.recycle(fresh.buffer);
      } else {
        const complete = data.subarray(start, last + 1);
        const bytes = unfinished === 0 ? complete : joined([...pieces, complete], unfinished + complete.length, buffers);
        if (unfinished > 0) buffers.recycle(fresh.buffer);
        const batch: LineBatch = {kind: 'lines', bytes, ...position};
        position.linesBefore += countNewlines(data, start, last + 1);
        position.offset += bytes.length;
        const rest = data.subarray(last + 1);
        pieces = rest.length > 0 ? [ownCopy(rest)] : [];
        unfinished = rest.length;
        yield {...batch, bytesThrough};
      }
      if (unfinished > maxLineBytes) {
        yield {kind: 'too-long', record: tooLongRecord(position.linesBefore + 1, position.offset, maxLineBytes), bytesThrough};
        skipping = true;
        position.offset += unfinished;
        pieces = [];
        unfinished = 0;
      }
    }
  } finally {
    await handle.close();
  }
}

/** The pieces in one buffer of its own (from `buffers` when it fits one). */
function joined(pieces: Buffer[], length: number, buffers: BatchBuffers): Buffer {
  const out = buffers.take(length).subarray(0, length);
  let at = 0;
  for (const piece of pieces) {
    piece.copy(out, at);
    at += piece.length;
  }
  return out;
}

/** The records of a batch's lines, as `readJsonLines` gives them. */
export function* batchRecords(batch: LineBatch, parse: (text: string) => PyValue, maxLineBytes: number = DEFAULT_MAX_LINE_BYTES): Generator<JsonlRecord> {
  const splitter = new JsonlSplitter(maxLineBytes, parse, batch);
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  yield* splitter.records(bytes);
  const last = splitter.end();
  if (last !== null) yield last;
}

/** Fills `buffer` from `from` on, or up to the end of the file; the bytes read. */
async function readInto(handle: JsonlFileHandle, path: string, buffer: Buffer, from: number): Promise<number> {
  let at = from;
  try {
    while (at < buffer.length) {
      const {bytesRead} = await handle.read(buffer, at, buffer.length - at, null);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
  } catch (error) {
    throw sourceError(path, error);
  }
  return at - from;
}

function countNewlines(bytes: Buffer, start: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, start); at !== -1 && at < end; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** A copy in a buffer of its own (small `Buffer`s share a pool, which cannot be transferred). */
function ownCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
