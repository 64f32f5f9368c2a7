// The log of a trail file: its non-blank complete lines, in file order. Leaf i
// is the bytes of line i without its line ending (`\n` or `\r\n`), exactly as
// written (a UTF-8 BOM at the start of the file is part of the first leaf). A
// line is blank when it holds only spaces, tabs and carriage returns; a last
// line without its newline is not a leaf yet (it may still be being written).
//
// `LeafScanner` hashes leaves where they lie in the read buffer: the byte
// before a line (the previous newline) is set to 0x00 for the one call that
// hashes 0x00 ‖ line, then put back, so no line is copied. A line that spans
// two reads is hashed incrementally, so memory stays one read buffer whatever
// the line length.

import {createHash, type Hash, hash} from 'node:crypto';
import {type FileHandle, open} from 'node:fs/promises';
import {TlogError} from './errors.js';
import {CompactRange, type HashText, leafHash} from './merkle.js';

export const TRAIL_READ_BYTES = 4 * 1024 * 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const OPEN_BRACE = 0x7b;

/**
 * Receives each leaf: its hash, where its line starts in the source and where
 * the next line starts. `line` is the leaf's bytes while they are in the read
 * buffer (valid during the call only), null for a line that spanned two reads.
 * Returning false stops the scan after this leaf.
 */
export type LeafVisitor = (leafHash: HashText, start: number, end: number, line: Buffer | null) => boolean | undefined;

function isBlank(bytes: Buffer, from: number, to: number): boolean {
  if (from < to && bytes[from] === OPEN_BRACE) return false;
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if (byte !== SPACE && byte !== TAB && byte !== CR) return false;
  }
  return true;
}

export class LeafScanner {
  /** Bytes to scan go at `buffer[1 …]`: `buffer[0]` is room for the 0x00 before a line that starts a read. */
  readonly buffer = Buffer.allocUnsafe(TRAIL_READ_BYTES + 1);
  /** Offset in the source of the next byte to scan. */
  private position: number;
  /** A line begun in an earlier read: its hash so far, where it starts, whether it is blank so far. */
  private spanning: Hash | null = null;
  private spanningStart = 0;
  private spanningBlank = true;
  /** The earlier read ended in a CR that may be the CR of this line's CRLF. */
  private heldCR = false;
  private stoppedAt: number | null = null;

  constructor(
    private readonly visit: LeafVisitor,
    start = 0,
  ) {
    this.position = start;
  }

  /** Where the scan stopped (after the line of the leaf that said stop), or null. */
  get stopped(): number | null {
    return this.stoppedAt;
  }

  /** Offset after the last complete line: where a later scan resumes. */
  get resumeOffset(): number {
    return this.stoppedAt ?? (this.spanning === null ? this.position : this.spanningStart);
  }

  /** Bytes of an unfinished last line (no newline yet). */
  get unfinishedBytes(): number {
    return this.spanning === null || this.stoppedAt !== null ? 0 : this.position - this.spanningStart;
  }

  /** Scans `buffer[1, 1 + length)`; false once a visitor has stopped the scan. */
  scan(length: number): boolean {
    if (this.stoppedAt !== null) return false;
    const buffer = this.buffer;
    const end = 1 + length;
    const view = buffer.subarray(0, end);
    const base = this.position - 1;
    let start = 1;
    if (this.spanning !== null) {
      const newline = view.indexOf(NEWLINE, 1);
      if (newline < 0) {
        this.continueSpanning(1, end);
        this.position += length;
        return true;
      }
      start = newline + 1;
      if (!this.finishSpanning(newline, base + start)) return false;
    }
    while (start < end) {
      const newline = view.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.beginSpanning(start, end, base + start);
        break;
      }
      const to = newline > start && buffer[newline - 1] === CR ? newline - 1 : newline;
      if (!isBlank(buffer, start, to)) {
        const before = buffer[start - 1];
        buffer[start - 1] = 0;
        const leaf = hash('sha256', buffer.subarray(start - 1, to), 'binary');
        buffer[start - 1] = before;
        if (this.visit(leaf, base + start, base + newline + 1, buffer.subarray(start, to)) === false) {
          this.stoppedAt = base + newline + 1;
          return false;
        }
      }
      start = newline + 1;
    }
    this.position += length;
    return true;
  }

  private beginSpanning(from: number, to: number, offset: number): void {
    this.spanning = createHash('sha256').update(Buffer.of(0));
    this.spanningStart = offset;
    this.spanningBlank = true;
    this.heldCR = false;
    this.continueSpanning(from, to);
  }

  private continueSpanning(from: number, to: number): void {
    const buffer = this.buffer;
    if (this.heldCR) this.spanning!.update(Buffer.of(CR));
    this.heldCR = to > from && buffer[to - 1] === CR;
    const fed = this.heldCR ? to - 1 : to;
    if (this.spanningBlank && !isBlank(buffer, from, fed)) this.spanningBlank = false;
    this.spanning!.update(buffer.subarray(from, fed));
  }

  /** The spanning line ends at `buffer[newline]`; `next` is the offset after it. */
  private finishSpanning(newline: number, next: number): boolean {
    const buffer = this.buffer;
    const to = newline > 1 && buffer[newline - 1] === CR ? newline - 1 : newline;
    // A CR held back from the earlier read is the CRLF's own only when the newline comes right after it.
    if (this.heldCR && newline > 1) this.spanning!.update(Buffer.of(CR));
    if (this.spanningBlank && !isBlank(buffer, 1, to)) this.spanningBlank = false;
    const spanning = this.spanning!.update(buffer.subarray(1, to));
    const start = this.spanningStart;
    this.spanning = null;
    this.heldCR = false;
    if (this.spanningBlank) return true;
    if (this.visit(spanning.digest('binary'), start, next, null) === false) {
      this.stoppedAt = next;
      return false;
    }
    return true;
  }
}

/**
 * Scans the trail file at `path` from byte `start` (a line start); resolves
 * with the scanner, to read where it ended. `betweenReads` is awaited after
 * each read is scanned (to let the visitor's own I/O catch up).
 */
export async function scanTrailFile(path: string, visit: LeafVisitor, start = 0, betweenReads?: () => Promise<void>): Promise<LeafScanner> {
  const handle = await open(path, 'r');
  try {
    return await scanHandle(handle, visit, start, betweenReads);
  } finally {
    await handle.close();
  }
}

async function scanHandle(handle: FileHandle, visit: LeafVisitor, start: number, betweenReads?: () => Promise<void>): Promise<LeafScanner> {
  const scanner = new LeafScanner(visit, start);
  let position = start;
  for (;;) {
    const {bytesRead} = await handle.read(scanner.buffer, 1, TRAIL_READ_BYTES, position);
    if (bytesRead === 0 || !scanner.scan(bytesRead)) return scanner;
    position += bytesRead;
    await betweenReads?.();
  }
}

/** Scans a trail given as a stream of bytes (a pipe, an HTTP body). */
export async function scanTrailStream(source: AsyncIterable<Uint8Array | string>, visit: LeafVisitor): Promise<LeafScanner> {
  const scanner = new LeafScanner(visit);
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let from = 0; from < bytes.length; from += TRAIL_READ_BYTES) {
      const piece = bytes.subarray(from, from + TRAIL_READ_BYTES);
      scanner.buffer.set(piece, 1);
      if (!scanner.scan(piece.length)) return scanner;
    }
  }
  return scanner;
}

export interface TrailTree {
  /** Leaves read (complete non-blank lines). */
  size: number;
  /** The root of those leaves. */
  root: Buffer;
  /** The root at each size asked for that the trail reaches. */
  roots: Map<number, Buffer>;
  /** Bytes of an unfinished last line, not in the log (0 when the trail ends with a newline). */
  unfinishedBytes: number;
}

export interface TrailTreeOptions {
  /** Sizes to take the root at on the way (e.g. those of checkpoints to check). */
  sizes?: readonly number[];
  /** Stop after this many leaves (the trail may hold more). */
  limit?: number;
}

/**
 * The tree of a trail, computed in one streaming pass with O(log n) memory:
 * a file path or a stream of bytes.
 */
export async function readTrailTree(source: string | AsyncIterable<Uint8Array | string>, options: TrailTreeOptions = {}): Promise<TrailTree> {
  const wanted = new Set(options.sizes ?? []);
  const roots = new Map<number, Buffer>();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (wanted.has(0)) roots.set(0, new CompactRange().root());
  const range = new CompactRange();
  const visit: LeafVisitor = (leaf) => {
    range.appendLeafHash(leaf);
    if (wanted.has(range.size)) roots.set(range.size, range.root());
    return range.size < limit;
  };
  const scanner = limit === 0 ? null : typeof source === 'string' ? await scanTrailFile(source, visit) : await scanTrailStream(source, visit);
  return {size: range.size, root: range.root(), roots, unfinishedBytes: scanner?.unfinishedBytes ?? 0};
}

export interface TrailLeaf {
  index: number;
  /** Byte offset where its line starts. */
  offset: number;
  bytes: Buffer;
}

/** The bytes of a line found by a scan that could not lend them (it spanned two reads). */
async function readLine(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(end - start);
    await handle.read(bytes, 0, bytes.length, start);
    let to = bytes.length;
    if (to > 0 && bytes[to - 1] === NEWLINE) to--;
    if (to > 0 && bytes[to - 1] === CR) to--;
    return bytes.subarray(0, to);
  } finally {
    await handle.close();
  }
}

/**
 * The first leaf of the trail for which `matches` holds, or null. `prefilter`
 * (bytes a matching line must contain) skips the others without calling
 * `matches`.
 */
export async function findTrailLeaf(path: string, matches: (line: Buffer) => boolean, prefilter?: Uint8Array): Promise<TrailLeaf | null> {
  let index = -1;
  const result: {found: TrailLeaf | null} = {found: null};
  const spanned: {index: number; start: number; end: number}[] = [];
  const candidate = (line: Buffer) => (prefilter === undefined || line.indexOf(prefilter) >= 0) && matches(line);
  await scanTrailFile(path, (_leaf, start, end, line) => {
    index++;
    if (line === null) {
      spanned.push({index, start, end});
      return true;
    }
    if (!candidate(line)) return true;
    result.found = {index, offset: start, bytes: Buffer.from(line)};
    return false;
  });
  // Lines that spanned two reads (one per read at most) all come before the match, if any: read back and tried in order.
  for (const place of spanned) {
    const line = await readLine(path, place.start, place.end);
    if (candidate(line)) return {index: place.index, offset: place.start, bytes: line};
  }
  return result.found;
}

/** The hash of an artifact as a leaf: its bytes without one final line ending (how it stands in the trail). */
export function artifactLeafHash(artifact: Uint8Array | string): Buffer {
  return leafHash(artifactLeaf(artifact));
}

/** An artifact cut out of a trail (`sed -n 138p trail.jsonl`) as a leaf: one final `\n` or `\r\n` is not part of it. */
export function artifactLeaf(artifact: Uint8Array | string): Buffer {
  const bytes = typeof artifact === 'string' ? Buffer.from(artifact, 'utf8') : Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength);
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d && end < bytes.length) end--;
  const leaf = bytes.subarray(0, end);
  // A blank line is never a leaf: an empty file or stdin is no artifact, not another one.
  if (leaf.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)) throw new TlogError('no-artifact', 'no artifact was given: it is empty (no bytes, or a blank line); give the artifact exactly as it stands in the trail, e.g. sed -n 138p trail.jsonl > artifact.json');
  if (leaf.includes(0x0a)) throw new TlogError('root-mismatch', 'the artifact holds several lines; a leaf is one line of the trail');
  return leaf;
}
