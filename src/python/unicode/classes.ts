// Python 3.11's character classes (Unicode 14), from tables generated with
// Python itself: Node's `\p{...}` follow a newer Unicode, under which
// characters added since (Kawi digits, U+1F6DC) would match `\d`/`\w` or
// count as printable.

import {DIGIT_RANGES, NON_PRINTABLE_RANGES, SPACE_RANGES, WORD_RANGES} from './tables.generated.js';
import {classContents, inRanges, lazyRanges, rangeIndex} from './ranges.js';

export const wordRanges = lazyRanges(WORD_RANGES);
export const digitRanges = lazyRanges(DIGIT_RANGES);
export const spaceRanges = lazyRanges(SPACE_RANGES);
const nonPrintableRanges = lazyRanges(NON_PRINTABLE_RANGES);

function lazyContents(ranges: typeof wordRanges): () => string {
  let contents: string | undefined;
  return () => (contents ??= classContents(ranges()));
}

/** Class contents (no brackets) for Python's `\w`, `\d` and `\s` in str patterns. */
export const wordClass = lazyContents(wordRanges);
export const digitClass = lazyContents(digitRanges);
export const spaceClass = lazyContents(spaceRanges);

/** Python `str.isprintable()` for one code point. */
export function isPrintable(codePoint: number): boolean {
  if (codePoint >= 0x20 && codePoint < 0x7f) return true;
  return !inRanges(nonPrintableRanges(), codePoint);
}

/** The value of a decimal digit (`unicodedata.decimal`), or -1. */
export function decimalDigitValue(codePoint: number): number {
  const ranges = digitRanges();
  const index = rangeIndex(ranges, codePoint);
  return index < 0 ? -1 : (codePoint - ranges[index][0]) % 10;
}
