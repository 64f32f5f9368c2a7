// Lines of a file read from an open descriptor by position: backwards from
// the end (to find the last record of some kind without reading a file of
// any size from its start) and forwards between two offsets (what other
// writers appended since a known size). Use these on a file being appended
// to, under its lock; to stream a whole file in order, use jsonl.ts.
//
// A line is given without its newline, with its byte position and whether it
// is the file's unterminated last piece (bytes after the last newline, which
// may be empty).

import {readSync} from 'node:fs';

/** How much of the file is read at a time going backwards. */
const TAIL_BLOCK = 1 << 16;

/** A line longer than the limit was met going backwards; it is not read into memory. */
export class LongLineError extends Error {
  override name = 'LongLineError';

  constructor(readonly limit: number) {
    super(`a line is longer than ${limit} bytes`);
  }
}

/** true stops the walk. */
export type LineVisitor = (line: Buffer, position: number, isLast: boolean) => boolean | undefined;

/** Calls `visit` with the lines of the file's first `size` bytes, last first, until it returns true. */
export function visitLinesBackward(fd: number, size: number, maxLine: number, visit: LineVisitor): void {
  // Pieces of a line longer than a block, latest first.
  const pieces: Buffer[] = [];
  let held = 0;
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_BLOCK);
    const block = Buffer.alloc(end - start);
    readSync(fd, block, 0, block.length, start);
    let cut = block.length;
    for (;;) {
      const newline = cut > 0 ? block.lastIndexOf(0x0a, cut - 1) : -1;
      if (newline < 0 && start > 0) {
        pieces.push(block.subarray(0, cut));
        held += cut;
        if (held > maxLine) throw new LongLineError(maxLine);
        break;
      }
      const lineStart = newline + 1;
      const line = pieces.length > 0 ? Buffer.concat([block.subarray(lineStart, cut), ...pieces.reverse()]) : block.subarray(lineStart, cut);
      pieces.length = 0;
      held = 0;
      const position = start + lineStart;
      if (visit(line, position, position + line.length === size) || newline < 0) return;
      cut = newline;
    }
    end = start;
  }
}

/** Calls `visit` with the lines between byte `from` (a line's start) and `to`, in order. */
export function visitLinesForward(fd: number, from: number, to: number, visit: LineVisitor): void {
  const bytes = Buffer.alloc(to - from);
  readSync(fd, bytes, 0, bytes.length, from);
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    visit(bytes.subarray(start, end), from + start, newline < 0);
    start = end + 1;
  }
}
