// Emission for V8's linear-time engine (the `l` flag), which in Node 20
// takes no `u`/`v`/`i` flag, no lookaround and no backreference. A pattern
// without those in Python is spelt in UTF-16 code units: every set loses
// its surrogates and gains its characters outside the BMP as surrogate
// pairs, which is exact on well-formed text (no lone surrogates), the only
// text this form is used for. Python's `$` (the end, or before a final
// newline) is a lookahead in the exact form; on a text that does not end with
// a newline it is JavaScript's `$`, and at the end of the pattern, where
// nothing follows it, `\n?$` finds the same matches, so a test (not a
// replacement, whose spans it would widen) can use that on any text.

import type {CodePointRanges} from '../unicode/ranges.js';
import type {RegexNode, RegexTree} from './ast.js';
import {codePointsOf} from './sets.js';

/** What the linear form is for: a yes/no search, or finding every match to replace; and whether the text ends with a newline. */
export interface LinearUse {
  kind: 'test' | 'replace';
  finalNewline: boolean;
}

/** The source for `new RegExp(source, 'l')`, or null when the pattern has no such form. */
export function emitLinear(tree: RegexTree, use: LinearUse): string | null {
  try {
    return emit(tree.root, use, true);
  } catch (error) {
    if (error instanceof NoLinearForm) return null;
    throw error;
  }
}

class NoLinearForm extends Error {}

function emit(node: RegexNode, use: LinearUse, atEnd: boolean): string {
  const ranges = codePointsOf(node);
  if (ranges) return utf16(ranges);
  switch (node.kind) {
    case 'empty':
      return '';
    case 'anchor':
      return anchor(node, use, atEnd);
    case 'sequence':
      return node.items.map((item, index) => emit(item, use, atEnd && index === node.items.length - 1)).join('');
    case 'alternation':
      return node.branches.map((branch) => emit(branch, use, atEnd)).join('|');
    case 'group':
      return `(?:${emit(node.body, use, atEnd)})`;
    case 'repeat': {
      if (node.mode === 'possessive') throw new NoLinearForm();
      const suffix = node.max === Infinity ? `{${node.min},}` : `{${node.min},${node.max}}`;
      return `(?:${emit(node.body, use, false)})${suffix}${node.mode === 'lazy' ? '?' : ''}`;
    }
    default:
      throw new NoLinearForm();
  }
}

function anchor(node: Extract<RegexNode, {kind: 'anchor'}>, use: LinearUse, atEnd: boolean): string {
  switch (node.anchor) {
    case 'textStart':
      return '^';
    case 'textEnd':
      return '$';
    case 'start':
      if (!node.multiline) return '^';
      break;
    case 'end':
      if (node.multiline) break;
      if (!use.finalNewline) return '$';
      if (use.kind === 'test' && atEnd) return '(?:\\n?$)';
      break;
    case 'wordBoundary':
    case 'notWordBoundary':
      // Without `u` and `i`, JavaScript's `\b` is ASCII's, as Python's under the ASCII flag.
      if (node.ascii) return node.anchor === 'wordBoundary' ? '\\b' : '\\B';
      break;
  }
  throw new NoLinearForm();
}

function hex(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

function unitClass(ranges: readonly (readonly [number, number])[]): string {
  return `[${ranges.map(([low, high]) => (low === high ? hex(low) : `${hex(low)}-${hex(high)}`)).join('')}]`;
}

/** A set of code points as code-unit alternatives: a class for the BMP, pairs for the rest. */
function utf16(ranges: CodePointRanges): string {
  const bmp: [number, number][] = [];
  const pairs: string[] = [];
  for (const [start, end] of ranges) {
    for (const [low, high] of [
      [start, Math.min(end, 0xd7ff)],
      [Math.max(start, 0xe000), Math.min(end, 0xffff)],
    ]) {
      if (low <= high) bmp.push([low, high]);
    }
    if (end >= 0x10000) pairs.push(...surrogatePairs(Math.max(start, 0x10000), end));
  }
  const alternatives = bmp.length > 0 ? [unitClass(bmp), ...pairs] : pairs;
  if (alternatives.length === 0) return '[]';
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

function surrogatePairs(start: number, end: number): string[] {
  const high = (cp: number) => 0xd800 + ((cp - 0x10000) >> 10);
  const low = (cp: number) => 0xdc00 + ((cp - 0x10000) & 0x3ff);
  const [firstHigh, lastHigh] = [high(start), high(end)];
  if (firstHigh === lastHigh) return [`${hex(firstHigh)}${unitClass([[low(start), low(end)]])}`];
  const pairs = [`${hex(firstHigh)}${unitClass([[low(start), 0xdfff]])}`];
  if (lastHigh - firstHigh > 1) pairs.push(`${unitClass([[firstHigh + 1, lastHigh - 1]])}[\\udc00-\\udfff]`);
  pairs.push(`${hex(lastHigh)}${unitClass([[0xdc00, low(end)]])}`);
  return pairs;
}
