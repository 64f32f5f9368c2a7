// Python 3.11's character classes that the guard language and YAML number
// typing depend on, pinned to its Unicode 14 tables so that a newer ICU in
// Node does not widen them.

/**
 * Code points of every zero of a run of ten decimal digits (Unicode category
 * Nd) in Unicode 14: what Python's `\d`, `str.isdecimal()` and `int()` accept.
 */
const DECIMAL_ZEROS: readonly number[] = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
  0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
  0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
  0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
  0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** Non-ASCII code points for which Python's `str.isspace()` is true. */
const NON_ASCII_SPACES = new Set([
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000,
]);

/** ASCII whitespace as C's `isspace` (and Python's number parsers) see it. */
export function isAsciiSpace(codePoint: number): boolean {
  return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d);
}

/**
 * Python `str.isspace()` for one code point; also what regex `\s` matches.
 * Unlike C's `isspace`, it includes the separators U+001C..U+001F.
 */
export function isPySpace(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiSpace(codePoint) || (codePoint >= 0x1c && codePoint <= 0x1f);
  return NON_ASCII_SPACES.has(codePoint);
}

/** The digit value of a Unicode decimal digit, or -1 (Python `unicodedata.decimal`). */
export function decimalValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  if (codePoint < 0x660) return -1;
  for (const zero of DECIMAL_ZEROS) {
    if (codePoint < zero) return -1;
    if (codePoint < zero + 10) return codePoint - zero;
  }
  return -1;
}

/** Python `str.strip()` with no arguments. */
export function pyStrip(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isPySpace(chars[start].codePointAt(0)!)) start++;
  while (end > start && isPySpace(chars[end - 1].codePointAt(0)!)) end--;
  return chars.slice(start, end).join('');
}

/** How many code points `pyStrip` removes from the start of the text. */
export function leadingSpaceCount(text: string): number {
  let count = 0;
  for (const char of text) {
    if (!isPySpace(char.codePointAt(0)!)) break;
    count++;
  }
  return count;
}

/**
 * CPython's preprocessing of number text for `int()` and `float()`: non-ASCII
 * spaces become ' ', Unicode decimal digits become ASCII digits, and any other
 * non-ASCII character makes the text unparseable (null). Then ASCII whitespace
 * is trimmed.
 */
export function asciiNumberText(text: string): string | null {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint < 0x7f) {
      out += char;
    } else if (isPySpace(codePoint)) {
      out += ' ';
    } else {
      const digit = decimalValue(codePoint);
      if (digit < 0) return null;
      out += String(digit);
    }
  }
  let start = 0;
  let end = out.length;
  while (start < end && isAsciiSpace(out.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(out.charCodeAt(end - 1))) end--;
  return out.slice(start, end);
}
