// Turns string offsets into 1-based line/column positions. Lines break where
// PyYAML's reader counts a break (CR LF, CR, LF, NEL, LS, PS); columns count
// code points from the start of the line (as PyYAML's marks do, a leading BOM
// included). Offsets are JavaScript string indexes into the text the `yaml`
// package read; an offset map takes them back to the text as given.

import type {SourcePoint, SourceRange} from '../../source-location.js';

/** A 1-based line and column (in code points), and the string index they stand for. */
export interface SourcePosition extends SourcePoint {
  /** index into the source string (UTF-16 code units) */
  offset: number;
}

/** A source range whose ends also carry their string offsets. */
export interface PositionRange extends SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** A half-open `[start, end)` pair of string offsets, before conversion. */
export type OffsetRange = readonly [number, number];

/** Takes an offset in the text the `yaml` package read back to the text as given. */
export type OffsetMap = (offset: number) => number;

const LINE_BREAKS = /\r\n|[\r\n\x85\u2028\u2029]/g;
const TRAILING_SPACE = /[ \t\r\n\x85\u2028\u2029]/;

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    private readonly text: string,
    private readonly toOriginal: OffsetMap = (offset) => offset,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? breakOffsets(text);
  }

  /** The same lines, for offsets into a text that `toOriginal` maps back to this one. */
  mapped(toOriginal: OffsetMap): LineIndex {
    return new LineIndex(this.text, toOriginal, this.lineStarts);
  }

  position(readOffset: number): SourcePosition {
    return this.positionInText(this.toOriginal(readOffset));
  }

  private positionInText(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    const lineStart = this.lineStarts[low];
    return {line: low + 1, column: codePointCount(this.text, lineStart, clamped) + 1, offset: clamped};
  }

  range([start, end]: OffsetRange): PositionRange {
    return {start: this.position(start), end: this.position(end)};
  }

  /**
   * A value's range, ending at its last character: the range the `yaml`
   * package gives a block mapping, sequence or scalar runs on over the line
   * break (and any blank lines) after it, to column 1 of the next line.
   */
  valueRange([start, end]: OffsetRange): PositionRange {
    const from = this.position(start);
    let to = Math.max(from.offset, Math.min(this.toOriginal(end), this.text.length));
    while (to > from.offset && TRAILING_SPACE.test(this.text[to - 1])) to--;
    return {start: from, end: this.positionInText(to)};
  }

  /** The 1-based column of a position counted in UTF-16 code units rather than code points. */
  utf16Column(position: SourcePoint): number {
    const lineStart = this.lineStarts[Math.min(Math.max(position.line, 1), this.lineStarts.length) - 1];
    let offset = lineStart;
    for (let step = 1; step < position.column && offset < this.text.length; step++) {
      offset += (this.text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
    }
    return offset - lineStart + 1;
  }

  /** PyYAML's `position` for reader errors: the code point index. */
  codePointIndex(readOffset: number): number {
    return codePointCount(this.text, 0, this.toOriginal(readOffset));
  }
}

function breakOffsets(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAKS)) starts.push(match.index + match[0].length);
  return starts;
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const unit = text.charCodeAt(index);
    const isLeadingSurrogate = unit >= 0xd800 && unit <= 0xdbff;
    const next = text.charCodeAt(index + 1);
    if (isLeadingSurrogate && index + 1 < to && next >= 0xdc00 && next <= 0xdfff) index++;
    count++;
  }
  return count;
}
