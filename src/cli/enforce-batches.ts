// `aigc enforce --threads N`: the input stream cut into batches that each
// read on their own exactly as the whole stream reads, decided on worker
// threads (io/batch-workers.ts) or on this one, and written in input order.
//
// A batch ends just before a line that starts with `{` or `[`: there the
// stream's reader (io/json-values.ts) always starts a new value, finishing the
// one before, so a fresh reader starting at that line (told the lines before
// it) gives the same items. A stretch with no such line longer than
// MAX_BATCH_BYTES (a huge pretty-printed value) is never guessed at: from its
// start on the rest of the stream is read on this thread by one reader, fed
// the chunks as they came, as `enforce` without threads reads it. So is the
// rest of a stream that pauses with lines held (an interactive or slow
// producer): from then on each value is decided, and printed, as it comes.

import {CanonicalJsonError} from '../canonical/canonical.js';
import type {LinkTemplates, LinkTemplateWriter} from '../audit/link-template.js';
import type {BatchBuffers, LineBatch} from '../io/jsonl-batches.js';
import {JsonValueReader, type JsonStreamItem} from '../io/json-values.js';
import {Utf8Chunks} from '../io/utf8-chunks.js';
import {type ItemDecider, recordText} from './enforce-items.js';

/** Input bytes a batch holds, about (it ends at the last place a value starts within them). */
export const ENFORCE_BATCH_BYTES = 256 * 1024;
/** Input with no place to cut longer than this is read on this thread from there on. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Input that pauses this long with lines held is read on this thread from there on: what was sent is not held back. */
export const INPUT_PAUSE_MS = 200;

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** The rest of the stream, read on this thread: a chunk as it came (`end`: the stream ended). */
export interface StreamPiece {
  kind: 'stream';
  chunk: Buffer | null;
  /** Lines of the stream before the first piece. */
  linesBefore: number;
}

export type EnforceBatch = (LineBatch | StreamPiece) & {bytesThrough: number};

/**
 * What deciding a batch gives: the output (lines with their newlines) as UTF-8
 * chunks, which a worker hands over without copying (io/utf8-chunks.ts), and
 * the records' text.
 */
export interface DecidedBatch {
  output: Uint8Array[];
  records: string;
  count: number;
  fails: number;
}

/**
 * What deciding a batch for a chain gives (`--chain`): each artifact as its
 * link template, linked and written in order by the chain's thread.
 */
export interface TemplatedBatch {
  templates: LinkTemplates;
  count: number;
  fails: number;
}

/** Decides the items of a batch, in order. */
export function decideItems(items: readonly JsonStreamItem[], decider: ItemDecider, record: boolean): DecidedBatch {
  const output = new Utf8Chunks();
  let records = '';
  let fails = 0;
  for (const item of items) {
    const {artifact, pass} = decider.decide(item);
    if (!pass) fails++;
    output.appendLine(decider.line(artifact));
    // An unreadable value has no record.
    if (record && item.kind === 'value') records += recordText(item.value, artifact);
  }
  return {output: output.take(), records, count: items.length, fails};
}

/**
 * Decides the items of a batch, in order, into link templates. An artifact
 * with no canonical bytes is templated as the FAIL that replaces it, as the
 * chain writer does on one thread.
 */
export function templateItems(items: readonly JsonStreamItem[], decider: ItemDecider, record: boolean, writer: LinkTemplateWriter): TemplatedBatch {
  let fails = 0;
  for (const item of items) {
    // An unreadable value has no record.
    const invocation = record && item.kind === 'value' ? item.value : undefined;
    const {artifact} = decider.decide(item);
    let pass: boolean;
    try {
      pass = writer.add(artifact, invocation);
    } catch (error) {
      if (!(error instanceof CanonicalJsonError)) throw error;
      pass = writer.add(decider.unrecordable(error).artifact, invocation);
    }
    if (!pass) fails++;
  }
  return {templates: writer.take(), count: items.length, fails};
}

/** The items of a batch of lines read as a stream of its own, starting after `linesBefore` lines. */
export function batchItems(batch: LineBatch): JsonStreamItem[] {
  const reader = new JsonValueReader(batch.linesBefore);
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  return [...reader.push(bytes), ...reader.end()];
}

/** Whether a value starts at `at` (just after a newline): the reader finishes any value before it there. */
function startsValue(byte: number | undefined): boolean {
  return byte === OPEN_BRACE || byte === OPEN_BRACKET;
}

/**
 * The batches of `source`: batches of lines while there are places to cut
 * and the input flows, then (if ever) the rest as stream pieces, ending with
 * `{chunk: null}`. Stops reading once `stopped()` says so.
 */
export async function* enforceBatches(
  source: AsyncIterable<Buffer>,
  buffers: BatchBuffers,
  stopped: () => boolean,
  maxBatchBytes = MAX_BATCH_BYTES,
  pauseMs = INPUT_PAUSE_MS,
): AsyncGenerator<EnforceBatch> {
  const batchBytes = buffers.batchBytes;
  let held: Buffer[] = [];
  let heldBytes = 0;
  /** Where the last value starting in the held bytes starts (0: none found). */
  let cut = 0;
  let endedWithNewline = false;
  let linesBefore = 0;
  let offset = 0;
  let bytesThrough = 0;
  let streaming = false;
  const take = (length: number): LineBatch => {
    const bytes = buffers.take(length).subarray(0, length);
    let at = 0;
    const rest: Buffer[] = [];
    for (const piece of held) {
      if (at >= length) rest.push(piece);
      else if (at + piece.length <= length) piece.copy(bytes, at);
      else {
        piece.copy(bytes, at, 0, length - at);
        rest.push(piece.subarray(length - at));
      }
      at += piece.length;
    }
    held = rest;
    heldBytes -= length;
    const batch: LineBatch = {kind: 'lines', bytes, linesBefore, offset};
    linesBefore += countNewlines(bytes);
    offset += length;
    return batch;
  };
  const chunks = source[Symbol.asyncIterator]();
  let next = chunks.next();
  try {
    for (;;) {
      // Lines held while the input pauses: the rest is read on this thread, so they are decided now.
      const read = !streaming && heldBytes > 0 ? await pausedOr(next, pauseMs) : await next;
      if (read === PAUSED) {
        streaming = true;
        for (const piece of held) yield {kind: 'stream', chunk: piece, linesBefore, bytesThrough};
        held = [];
        heldBytes = 0;
        continue;
      }
      if (read.done) break;
      next = chunks.next();
      const chunk = read.value;
      if (stopped()) return;
      bytesThrough += chunk.length;
      if (streaming) {
        yield {kind: 'stream', chunk, linesBefore, bytesThrough};
        continue;
      }
      if (chunk.length === 0) continue;
      if (endedWithNewline && heldBytes > 0 && startsValue(chunk[0])) cut = heldBytes;
      for (let newline = chunk.lastIndexOf(NEWLINE, chunk.length - 2); newline >= 0; newline = newline > 0 ? chunk.lastIndexOf(NEWLINE, newline - 1) : -1) {
        if (startsValue(chunk[newline + 1])) {
          cut = heldBytes + newline + 1;
          break;
        }
      }
      endedWithNewline = chunk[chunk.length - 1] === NEWLINE;
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= batchBytes && cut > 0) {
        yield {...take(cut), bytesThrough};
        cut = 0;
      }
      if (heldBytes > maxBatchBytes) {
        // No place to cut: the held chunks (the first from where the last batch ended) go to one reader, as they came.
        streaming = true;
        for (const piece of held) yield {kind: 'stream', chunk: piece, linesBefore, bytesThrough};
        held = [];
        heldBytes = 0;
      }
    }
  } finally {
    await chunks.return?.();
  }
  if (stopped()) return;
  if (streaming) yield {kind: 'stream', chunk: null, linesBefore, bytesThrough};
  else if (heldBytes > 0) yield {...take(heldBytes), bytesThrough};
}

const PAUSED: unique symbol = Symbol('paused');

/** The next read, or PAUSED if it has not come within `ms`. */
async function pausedOr<T>(read: Promise<T>, ms: number): Promise<T | typeof PAUSED> {
  let timer: NodeJS.Timeout | undefined;
  const paused = new Promise<typeof PAUSED>((resolve) => {
    timer = setTimeout(() => resolve(PAUSED), ms);
  });
  try {
    return await Promise.race([read, paused]);
  } finally {
    clearTimeout(timer);
  }
}

/** The reader of the stream pieces, on this thread: its first piece starts where the last batch ended. */
export class StreamPieces<Result> {
  private reader: JsonValueReader | null = null;

  /** `examine`: how a piece's items become its result (`decideItems`, `templateItems`). */
  constructor(private readonly examine: (items: readonly JsonStreamItem[]) => Result) {}

  decide(piece: StreamPiece): Result {
    this.reader ??= new JsonValueReader(piece.linesBefore);
    return this.examine(piece.chunk === null ? this.reader.end() : this.reader.push(piece.chunk));
  }
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}
