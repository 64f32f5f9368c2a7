// Code point ranges: decoding the generated tables, membership, and the
// JavaScript character-class text that matches them.

/** Inclusive `[start, end]` code point ranges, sorted and disjoint. */
export type CodePointRanges = readonly (readonly [number, number])[];

/** Decodes a table of `gap,length` pairs in base 36 (scripts/gen-unicode-tables.py). */
export function decodeRanges(encoded: string): CodePointRanges {
  const ranges: [number, number][] = [];
  let previous = 0;
  for (const pair of encoded.split(' ')) {
    const [gap, length] = pair.split(',');
    const start = previous + Number.parseInt(gap, 36);
    const end = start + Number.parseInt(length, 36);
    ranges.push([start, end]);
    previous = end;
  }
  return ranges;
}

/** A lazily decoded table. */
export function lazyRanges(encoded: string): () => CodePointRanges {
  let ranges: CodePointRanges | undefined;
  return () => (ranges ??= decodeRanges(encoded));
}

export function inRanges(ranges: CodePointRanges, codePoint: number): boolean {
  return rangeIndex(ranges, codePoint) >= 0;
}

/** The index of the range holding `codePoint` (binary search), or -1. */
export function rangeIndex(ranges: CodePointRanges, codePoint: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle];
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** Sorts and merges overlapping or adjacent ranges. */
export function normalizeRanges(ranges: Iterable<readonly [number, number]>): CodePointRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

function escapeCodePoint(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  return /^[A-Za-z0-9_]$/.test(char) ? char : `\\u{${codePoint.toString(16)}}`;
}

/** The ranges as the contents of a `v`-mode character class (no brackets). */
export function classContents(ranges: CodePointRanges): string {
  return ranges
    .map(([start, end]) => {
      if (start === end) return escapeCodePoint(start);
      return `${escapeCodePoint(start)}-${escapeCodePoint(end)}`;
    })
    .join('');
}
