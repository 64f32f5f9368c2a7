// The code points a one-character node matches (a literal under IGNORECASE,
// `.`, a shorthand, a set), as ranges: what the emitters spell out, each in
// its own syntax.

import {caseClosure, caseVariants, isCapitalOutsideBmp} from '../unicode/case.js';
import {digitRanges, spaceRanges, wordRanges} from '../unicode/classes.js';
import {type CodePointRanges, normalizeRanges} from '../unicode/ranges.js';
import type {RegexNode, SetMember, ShorthandLetter} from './ast.js';

const MAX_CODE_POINT = 0x10ffff;
const ASCII_WORD: CodePointRanges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const ASCII_SPACE: CodePointRanges = [
  [0x09, 0x0d],
  [0x20, 0x20],
];

export function asciiCaseVariants(cp: number): readonly number[] {
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 32];
  if (cp >= 0x61 && cp <= 0x7a) return [cp - 32, cp];
  return [cp];
}

/** IGNORECASE with the ASCII flag: only ASCII letters fold. */
export function asciiCaseClosure(ranges: CodePointRanges): CodePointRanges {
  const added: [number, number][] = [];
  for (const [start, end] of ranges) {
    const upper: [number, number] = [Math.max(start, 0x41), Math.min(end, 0x5a)];
    if (upper[0] <= upper[1]) added.push([upper[0] + 32, upper[1] + 32]);
    const lower: [number, number] = [Math.max(start, 0x61), Math.min(end, 0x7a)];
    if (lower[0] <= lower[1]) added.push([lower[0] - 32, lower[1] - 32]);
  }
  return added.length === 0 ? ranges : normalizeRanges([...ranges, ...added]);
}

/** The characters a literal matches: itself, or its case class under IGNORECASE. */
export function literalVariants(codePoint: number, ignoreCase: boolean, ascii: boolean): readonly number[] {
  if (!ignoreCase) return [codePoint];
  return ascii ? asciiCaseVariants(codePoint) : caseVariants(codePoint);
}

/** The code point when every member of a set is the same single character (Python's set of one). */
export function singleLiteral(members: readonly SetMember[]): number | null {
  const first = members[0];
  if (first?.kind !== 'literal') return null;
  return members.every((member) => member.kind === 'literal' && member.codePoint === first.codePoint) ? first.codePoint : null;
}

/**
 * The ranges and single code points of a set's members, before the shorthands
 * are added: case-closed under IGNORECASE, without the capitals outside the
 * BMP that CPython never matches there.
 */
export function setMemberRanges(members: readonly SetMember[], ignoreCase: boolean, ascii: boolean): CodePointRanges {
  const ranges: [number, number][] = [];
  for (const member of members) {
    if (member.kind === 'range') ranges.push([member.low, member.high]);
    else if (member.kind === 'literal' && !(ignoreCase && !ascii && isCapitalOutsideBmp(member.codePoint))) {
      ranges.push([member.codePoint, member.codePoint]);
    }
  }
  const closed = normalizeRanges(ranges);
  if (!ignoreCase) return closed;
  return ascii ? asciiCaseClosure(closed) : caseClosure(closed);
}

export function shorthandRanges(letter: ShorthandLetter, ascii: boolean): CodePointRanges {
  const lower = letter.toLowerCase();
  const base = lower === 'd' ? (ascii ? [[0x30, 0x39] as const] : digitRanges()) : lower === 'w' ? (ascii ? ASCII_WORD : wordRanges()) : ascii ? ASCII_SPACE : spaceRanges();
  return letter === lower ? base : complement(base);
}

export function complement(ranges: CodePointRanges): CodePointRanges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [start, end] of ranges) {
    if (start > next) out.push([next, start - 1]);
    next = end + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** What a one-character node matches; undefined for any other node. */
export function codePointsOf(node: RegexNode): CodePointRanges | undefined {
  switch (node.kind) {
    case 'literal':
      return normalizeRanges(literalVariants(node.codePoint, node.ignoreCase, node.ascii).map((cp) => [cp, cp] as const));
    case 'any':
      return node.dotAll ? [[0, MAX_CODE_POINT]] : complement([[0x0a, 0x0a]]);
    case 'shorthand':
      return shorthandRanges(node.letter, node.ascii);
    case 'set': {
      const single = singleLiteral(node.members);
      let ranges: CodePointRanges;
      if (single !== null) {
        ranges = normalizeRanges(literalVariants(single, node.ignoreCase, node.ascii).map((cp) => [cp, cp] as const));
      } else {
        const shorthands = node.members.flatMap((member) => (member.kind === 'shorthand' ? shorthandRanges(member.letter, node.ascii) : []));
        ranges = normalizeRanges([...setMemberRanges(node.members, node.ignoreCase, node.ascii), ...shorthands]);
      }
      return node.negated ? complement(ranges) : ranges;
    }
    default:
      return undefined;
  }
}
