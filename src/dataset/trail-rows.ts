// Reading a trail for a dataset: its checkpoint log first (every complete
// non-blank line a leaf, as src/audit/tlog/trail.ts defines it), which fixes
// where this export stops and proves that what an earlier export read is
// unchanged; then the lines after the earlier export, in batches of whole
// lines, each classified as the compliance report classifies it and joined
// to its leaf. A last line without its newline is not read: it is not a leaf
// yet, and a later export takes it once it is complete.

import {createHash, hash} from 'node:crypto';
import {type FileHandle, open} from 'node:fs/promises';
import {CompactRange, sameHash} from '../audit/tlog/merkle.js';
import {scanTrailFile} from '../audit/tlog/trail.js';
import type {LineBatch} from '../io/jsonl-batches.js';
import {DEFAULT_MAX_LINE_BYTES, tooLongRecord} from '../io/jsonl.js';
import {ArtifactClassifier, classifyBatch, type TrailLineFacts} from '../report/artifact-facts.js';
import {LeadingBomLine} from '../report/trail-lines.js';
import {DatasetError, readError} from './errors.js';

/** How far a dataset has read a trail. */
export interface TrailPosition {
  /** Bytes read: up to the end of the last complete line. */
  bytes: number;
  /** Lines (newlines) in those bytes. */
  lines: number;
  /** Leaves of the log in those bytes, and their root. */
  leaves: number;
  root: Buffer;
}

export const START_OF_TRAIL: TrailPosition = {bytes: 0, lines: 0, leaves: 0, root: new CompactRange().root()};

/** One classified line (or record of a line) with its leaf. */
export interface TrailRow {
  facts: TrailLineFacts;
  lineRecord: number;
  leaf: {index: number; hash: string} | null;
}

/** Where a trail's log ends: after its last complete line. */
export type LogEnd = Omit<TrailPosition, 'lines'> & {
  /** The root at the size asked for (`rootAt`), when the log reaches it. */
  rootAtSize?: Buffer;
};

/**
 * Where the trail's log ends now; throws `trail-rewritten` when its first
 * `from.leaves` leaves are not those `from` was taken from.
 */
export async function trailEnd(path: string, name: string, from: TrailPosition, rootAt?: number): Promise<LogEnd> {
  const range = new CompactRange();
  let rewritten: boolean | null = from.leaves === 0 ? false : null;
  let firstNewStart = -1;
  let rootAtSize: Buffer | undefined = rootAt === 0 ? range.root() : undefined;
  const scanner = await scanTrailFile(path, (leaf, start) => {
    if (range.size === from.leaves) {
      if (rewritten === null) rewritten = !sameHash(range.root(), from.root);
      if (firstNewStart < 0) firstNewStart = start;
    }
    range.appendLeafHash(leaf);
    if (range.size === rootAt) rootAtSize = range.root();
    return undefined;
  }).catch((error: unknown) => {
    throw readError(name, error);
  });
  if (range.size === from.leaves && rewritten === null) rewritten = !sameHash(range.root(), from.root);
  const end = scanner.resumeOffset;
  if (rewritten !== false || range.size < from.leaves || end < from.bytes || (firstNewStart >= 0 && firstNewStart < from.bytes)) {
    throw new DatasetError('trail-rewritten', `its first ${from.leaves} lines are not those the dataset was made from (rewritten or truncated): make the dataset again in a new folder`, name);
  }
  return {bytes: end, leaves: range.size, root: range.root(), rootAtSize};
}

/** Batches of rows of the trail's lines in [from.bytes, to.bytes), in order; the position reached is returned. */
export async function* trailRows(path: string, name: string, from: TrailPosition, to: LogEnd, batchBytes = 1024 * 1024): AsyncGenerator<TrailRow[], TrailPosition> {
  const classifier = new ArtifactClassifier({keepArtifacts: true});
  const handle = await open(path, 'r');
  let bom = false;
  // A BOM line is the first line's business only: a later export starts past it.
  const leading = new LeadingBomLine(() => bom);
  if (from.bytes > 0) leading.atEnd();
  let lines = from.lines;
  let leaves = from.leaves;
  // The BOM line's record may come after the first batch (when the first line is otherwise blank).
  let lineOneLeaf: {index: number; hash: string} | null = null;
  try {
    for await (const batch of wholeLineBatches(handle, from, to.bytes, batchBytes)) {
      const leafOf = new Map<number, {index: number; hash: string}>();
      let rows: TrailRow[] = [];
      if (batch.kind === 'too-long') {
        leafOf.set(batch.line, {index: leaves++, hash: batch.leafHash});
        rows = [{facts: classifier.classify(tooLongRecord(batch.line, batch.offset, DEFAULT_MAX_LINE_BYTES)), lineRecord: 0, leaf: leafOf.get(batch.line)!}];
        lines++;
      } else {
        lines = leavesOfBatch(batch.lines, lines, () => leaves++, leafOf);
        lineOneLeaf ??= leafOf.get(1) ?? null;
        const {bom: startsWithBom, facts} = classifyBatch(batch.lines, classifier);
        if (startsWithBom) bom = true;
        let previousLine = -1;
        let lineRecord = 0;
        const push = (record: TrailLineFacts) => {
          lineRecord = record.line === previousLine ? lineRecord + 1 : 0;
          previousLine = record.line;
          rows.push({facts: record, lineRecord, leaf: leafOf.get(record.line) ?? null});
        };
        for (const record of facts) {
          const bomRecord = leading.before(record.line);
          if (bomRecord !== null) push(classifier.classify(bomRecord));
          push(record);
        }
      }
      yield rows;
    }
    const bomRecord = leading.atEnd();
    if (bomRecord !== null) yield [{facts: classifier.classify(bomRecord), lineRecord: 0, leaf: lineOneLeaf}];
  } finally {
    await handle.close();
  }
  if (leaves !== to.leaves) throw new DatasetError('io', 'the trail changed while it was read: run the export again', name);
  return {bytes: to.bytes, lines, leaves, root: to.root};
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/** Numbers the batch's lines and records the leaf of each non-blank one; the lines counted so far. */
function leavesOfBatch(batch: LineBatch, linesBefore: number, nextLeaf: () => number, leafOf: Map<number, {index: number; hash: string}>): number {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  let line = linesBefore;
  let start = 0;
  while (start < bytes.length) {
    let newline = bytes.indexOf(NEWLINE, start);
    if (newline < 0) newline = bytes.length;
    line++;
    const to = newline > start && bytes[newline - 1] === CR ? newline - 1 : newline;
    if (!isBlank(bytes, start, to)) leafOf.set(line, {index: nextLeaf(), hash: leafHashHex(bytes, start, to)});
    start = newline + 1;
  }
  return line;
}

function leafHashHex(bytes: Buffer, from: number, to: number): string {
  return hash('sha256', Buffer.concat([Buffer.of(0), bytes.subarray(from, to)]), 'hex');
}

function isBlank(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return false;
  }
  return true;
}

type WholeLines = {kind: 'lines'; lines: LineBatch} | {kind: 'too-long'; line: number; offset: number; leafHash: string};

/** The bytes [from.bytes, end) as batches of whole lines; a line over the size limit is hashed and skipped unbuffered. */
async function* wholeLineBatches(handle: FileHandle, from: TrailPosition, end: number, batchBytes: number): AsyncGenerator<WholeLines> {
  let position = from.bytes;
  let linesBefore = from.lines;
  let carry = Buffer.alloc(0);
  while (position + carry.length < end) {
    const want = Math.min(batchBytes, end - position - carry.length);
    const fresh = Buffer.allocUnsafeSlow(want);
    const {bytesRead} = await handle.read(fresh, 0, want, position + carry.length);
    if (bytesRead === 0) break;
    const data = carry.length === 0 ? fresh.subarray(0, bytesRead) : Buffer.concat([carry, fresh.subarray(0, bytesRead)]);
    const last = data.lastIndexOf(NEWLINE);
    if (last < 0) {
      if (data.length > DEFAULT_MAX_LINE_BYTES) {
        const skipped = await skipLongLine(handle, position, data);
        yield {kind: 'too-long', line: linesBefore + 1, offset: position, leafHash: skipped.leafHash};
        linesBefore++;
        position = skipped.next;
        carry = Buffer.alloc(0);
        continue;
      }
      carry = data;
      continue;
    }
    const complete = data.subarray(0, last + 1);
    const own = Buffer.allocUnsafeSlow(complete.length);
    complete.copy(own);
    yield {kind: 'lines', lines: {kind: 'lines', bytes: own, linesBefore, offset: position}};
    linesBefore += countNewlines(complete);
    position += complete.length;
    carry = Buffer.from(data.subarray(last + 1));
  }
}

/** Reads on from a long line's start to its newline, hashing it as a leaf; where the next line starts. */
async function skipLongLine(handle: FileHandle, start: number, head: Buffer): Promise<{next: number; leafHash: string}> {
  const leaf = createHash('sha256').update(Buffer.of(0));
  let pending = head;
  let at = start + head.length;
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    const {bytesRead} = await handle.read(buffer, 0, buffer.length, at);
    const newline = bytesRead === 0 ? -1 : buffer.subarray(0, bytesRead).indexOf(NEWLINE);
    if (newline >= 0) {
      const tail = Buffer.concat([pending, buffer.subarray(0, newline)]);
      const body = tail.length > 0 && tail[tail.length - 1] === CR ? tail.subarray(0, -1) : tail;
      leaf.update(body);
      return {next: at + newline + 1, leafHash: leaf.digest('hex')};
    }
    if (bytesRead === 0) throw new DatasetError('io', 'the trail ended inside a line it had finished', undefined);
    // Keep one byte back: it may be the CR of a CRLF.
    const piece = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
    leaf.update(piece.subarray(0, -1));
    pending = Buffer.from(piece.subarray(-1));
    at += bytesRead;
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

