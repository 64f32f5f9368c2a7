// Turns string offsets into 1-based line/column positions. Columns count code
// points from the start of the line (as PyYAML's marks do, a leading BOM
// included); offsets are JavaScript string indexes into the text as given.

export interface SourcePosition {
  /** 1-based line number */
  line: number;
  /** 1-based column, in code points */
  column: number;
  /** index into the source string (UTF-16 code units) */
  offset: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** A half-open `[start, end)` pair of string offsets, before conversion. */
export type OffsetRange = readonly [number, number];

export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    const breaks = /\r\n|\r|\n/g;
    for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
      this.lineStarts.push(match.index + match[0].length);
    }
  }

  position(offset: number): SourcePosition {
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

  range([start, end]: OffsetRange): SourceRange {
    return {start: this.position(start), end: this.position(end)};
  }

  /** PyYAML's `position` for reader errors: the code point index. */
  codePointIndex(offset: number): number {
    return codePointCount(this.text, 0, offset);
  }
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
