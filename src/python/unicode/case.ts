// Python 3.11's IGNORECASE for str patterns (Unicode 14): two characters
// match when their lowercase (`_sre.unicode_tolower`) is the same or related
// by `re._casefix` (i/ı, s/ſ, µ/μ …). JavaScript's `i` flag folds with a
// newer Unicode's simple case folding, which differs (İ, new case pairs), so
// the regex translator spells these classes out itself.

import {type CodePointRanges, normalizeRanges} from './ranges.js';
import {CASE_CLASSES} from './tables.generated.js';

let classOf: Map<number, readonly number[]> | undefined;
let classList: (readonly number[])[] | undefined;

function load(): Map<number, readonly number[]> {
  if (classOf) return classOf;
  classOf = new Map();
  classList = [];
  let previous = 0;
  for (const encoded of CASE_CLASSES.split(' ')) {
    const [first, ...offsets] = encoded.split(',').map((part) => Number.parseInt(part, 36));
    const start = previous + first;
    const members = [start, ...offsets.map((offset) => start + offset)];
    for (const member of members) classOf.set(member, members);
    classList.push(members);
    previous = start;
  }
  return classOf;
}

/** The characters `(?i)c` matches: `c` with every character of its case class. */
export function caseVariants(codePoint: number): readonly number[] {
  return load().get(codePoint) ?? [codePoint];
}

/**
 * What a character-class item list matches under IGNORECASE: every case class
 * that meets one of the ranges joins them whole.
 */
export function caseClosure(ranges: CodePointRanges): CodePointRanges {
  const classes = load();
  const added: [number, number][] = [];
  const size = ranges.reduce((total, [start, end]) => total + end - start + 1, 0);
  if (size <= classList!.length) {
    // A few characters (the usual class, `[A-Za-z0-9_]`): look each one up.
    for (const [start, end] of ranges) {
      for (let codePoint = start; codePoint <= end; codePoint++) {
        for (const member of classes.get(codePoint) ?? []) added.push([member, member]);
      }
    }
  } else {
    // Many (a Unicode category): go through the case classes once instead.
    for (const members of classList!) {
      if (!members.some((member) => ranges.some(([start, end]) => start <= member && member <= end))) continue;
      for (const member of members) added.push([member, member]);
    }
  }
  return added.length === 0 ? ranges : normalizeRanges([...ranges, ...added]);
}

/**
 * Outside the BMP, a character-class member that is a capital letter matches
 * nothing under IGNORECASE in a class of several members (CPython compares
 * the lowercased input with it unlowered); each such class is a capital and
 * its small letter, capital first.
 */
export function isCapitalOutsideBmp(codePoint: number): boolean {
  const members = load().get(codePoint);
  return codePoint > 0xffff && members !== undefined && members[0] === codePoint;
}
