// Python 3.11's `unicodedata.lookup` for one character, as `\N{NAME}` in a
// regex uses it: names and aliases from a generated table (Unicode 14),
// matched without regard to ASCII case; Hangul syllables and CJK unified
// ideographs computed, with their prefixes spelt exactly.

import {brotliDecompressSync} from 'node:zlib';
import {NAMES_BROTLI_BASE64} from './names.generated.js';
import {decodeRanges, inRanges} from './ranges.js';
import {CJK_UNIFIED_RANGES} from './tables.generated.js';

let codePointOf: Map<string, number> | undefined;

function names(): Map<string, number> {
  if (codePointOf) return codePointOf;
  codePointOf = new Map();
  const text = brotliDecompressSync(Buffer.from(NAMES_BROTLI_BASE64, 'base64')).toString('ascii');
  let codePoint = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    codePoint += Number.parseInt(line.slice(0, space), 36);
    codePointOf.set(line.slice(space + 1), codePoint);
  }
  return codePointOf;
}

const HANGUL_PREFIX = 'HANGUL SYLLABLE ';
const CJK_PREFIX = 'CJK UNIFIED IDEOGRAPH-';
const HANGUL_BASE = 0xac00;
// The jamo short names of the Unicode Hangul syllable algorithm.
const LEADING = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const VOWELS = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const TRAILING = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

/** CPython's `find_syllable`: the longest jamo name at the start of `text`. */
function longestJamo(text: string, jamo: readonly string[]): {index: number; length: number} {
  let found = {index: -1, length: -1};
  jamo.forEach((name, index) => {
    if (name.length > found.length && text.startsWith(name)) found = {index, length: name.length};
  });
  return found.index === -1 ? {index: -1, length: 0} : found;
}

function hangulSyllable(rest: string): number | undefined {
  const leading = longestJamo(rest, LEADING);
  const vowel = longestJamo(rest.slice(leading.length), VOWELS);
  const trailing = longestJamo(rest.slice(leading.length + vowel.length), TRAILING);
  if (leading.index < 0 || vowel.index < 0 || trailing.index < 0) return undefined;
  if (leading.length + vowel.length + trailing.length !== rest.length) return undefined;
  return HANGUL_BASE + (leading.index * VOWELS.length + vowel.index) * TRAILING.length + trailing.index;
}

let cjkRanges: ReturnType<typeof decodeRanges> | undefined;

function cjkIdeograph(hex: string): number | undefined {
  if (!/^[0-9A-F]{4,5}$/.test(hex)) return undefined;
  const codePoint = Number.parseInt(hex, 16);
  cjkRanges ??= decodeRanges(CJK_UNIFIED_RANGES);
  return inRanges(cjkRanges, codePoint) ? codePoint : undefined;
}

/** The code point `unicodedata.lookup(name)` gives when it is one character, else undefined. */
export function lookupCharacterName(name: string): number | undefined {
  if (name.startsWith(HANGUL_PREFIX)) return hangulSyllable(name.slice(HANGUL_PREFIX.length));
  if (name.startsWith(CJK_PREFIX)) return cjkIdeograph(name.slice(CJK_PREFIX.length));
  // Upper-casing ASCII letters only, as CPython's comparison does.
  return names().get(name.replace(/[a-z]+/g, (letters) => letters.toUpperCase()));
}
