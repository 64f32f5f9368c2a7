// Emission: a `RegexTree` as the source of a JavaScript RegExp with the `v`
// flag (Node 20+, for the nested classes `[^\W]` needs) that matches as
// Python does. What JavaScript lacks is built from what it has: `$` before
// a final newline and Unicode `\b` from lookarounds, atomic groups and
// possessive repeats from a lookahead and a backreference, conditionals from
// a participation marker at the end of the group they test.

import {caseClosure, caseVariants, isCapitalOutsideBmp} from '../unicode/case.js';
import {digitClass, spaceClass, wordClass} from '../unicode/classes.js';
import {type CodePointRanges, classContents, normalizeRanges} from '../unicode/ranges.js';
import {isCaseSensitiveAtom, type RegexNode, type RegexTree, type SetMember, type ShorthandLetter, walk} from './ast.js';
import {PythonRegexError} from './errors.js';

export interface TranslatedRegex {
  source: string;
  flags: string;
}

const ASCII_WORD = 'A-Za-z0-9_';
const ASCII_SPACE = '\\t\\n\\v\\f\\r\\x20';
const ANY = '[\\s\\S]';

/** The JavaScript source and flags for a parsed pattern; throws `PythonRegexError` for what JavaScript cannot express. */
export function emitJavaScript(tree: RegexTree): TranslatedRegex {
  const nodes = [...walk(tree.root)];
  const conditionGroups = new Set(nodes.flatMap((node) => (node.kind === 'conditional' ? [node.group] : [])));
  const source = new Emitter(conditionGroups).emit(tree.root);
  const ignoreCaseBackreference = nodes.some((node) => node.kind === 'backreference' && node.ignoreCase);
  if (!ignoreCaseBackreference) return {source, flags: 'v'};
  if (nodes.some((node) => isCaseSensitiveAtom(node) && !('ignoreCase' in node && node.ignoreCase))) {
    throw new PythonRegexError(
      'a backreference under IGNORECASE in a pattern that is partly case-sensitive is not supported',
      'PYTHON_REGEX_UNSUPPORTED',
      tree.pattern,
      -1,
    );
  }
  // Only JavaScript's own case folding compares a backreference case-insensitively.
  return {source, flags: 'vi'};
}

class Emitter {
  private helperCount = 0;

  /** `conditionGroups`: the groups a conditional tests, which end with a participation marker. */
  constructor(private readonly conditionGroups: ReadonlySet<number>) {}

  emit(node: RegexNode): string {
    switch (node.kind) {
      case 'empty':
        return '';
      case 'literal':
        return literal(node.codePoint, node.ignoreCase, node.ascii);
      case 'any':
        return node.dotAll ? ANY : '[^\\n]';
      case 'set':
        return set(node.members, node.negated, node.ignoreCase, node.ascii);
      case 'shorthand':
        return `[${shorthand(node.letter, node.ascii)}]`;
      case 'anchor':
        return anchor(node);
      case 'sequence':
        return node.items.map((item) => this.emit(item)).join('');
      case 'alternation':
        return node.branches.map((branch) => this.emit(branch)).join('|');
      case 'group': {
        const inner = this.emit(node.body);
        if (!node.capture) return `(?:${inner})`;
        const group = node.capture.index;
        const marker = this.conditionGroups.has(group) ? participationMarker(group) : '';
        return `(?<${groupName(group)}>${inner}${marker})`;
      }
      case 'lookaround':
        return `(?${node.behind ? '<' : ''}${node.negated ? '!' : '='}${this.emit(node.body)})`;
      case 'atomic':
        return this.atomic(this.emit(node.body));
      case 'repeat': {
        const repeated = `(?:${this.emit(node.body)})${quantifier(node.min, node.max)}${node.mode === 'lazy' ? '?' : ''}`;
        return node.mode === 'possessive' ? this.atomic(repeated) : repeated;
      }
      case 'backreference':
        return `(?:\\k<${groupName(node.group)}>)`;
      case 'conditional': {
        // JavaScript has no conditionals: the tested group ends with a marker
        // capturing the whole text, so it is non-empty exactly when the group
        // took part (for a non-empty text), and each branch starts by testing it.
        const took = `[\\s\\S]*$(?<=^\\k<${markerName(node.group)}>)`;
        const yes = this.emit(node.yes);
        const no = node.no ? this.emit(node.no) : '';
        return `(?:(?=${took})(?:${yes})|(?!${took})(?:${no}))`;
      }
    }
  }

  /** Atomic matching (no backtracking into the group) via lookahead + backreference. */
  private atomic(source: string): string {
    const name = `pyAtomic${++this.helperCount}`;
    return `(?=(?<${name}>${source}))\\k<${name}>`;
  }
}

function quantifier(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === Infinity) return `{${min},}`;
  if (min === max) return `{${min}}`;
  return `{${min},${max}}`;
}

function groupName(group: number): string {
  return `pyG${group}`;
}

function markerName(group: number): string {
  return `pyTook${group}`;
}

/** Captures the whole text from the end of a group: a lookbehind back to the start, then a lookahead. */
function participationMarker(group: number): string {
  return `(?<=(?=(?<${markerName(group)}>[\\s\\S]*))^[\\s\\S]*)`;
}

function cpEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function plainChar(cp: number): string {
  const char = String.fromCodePoint(cp);
  return /^[A-Za-z0-9 _]$/.test(char) ? char : cpEscape(cp);
}

function literal(cp: number, ignoreCase: boolean, ascii: boolean): string {
  if (!ignoreCase) return plainChar(cp);
  const variants = ascii ? asciiCaseVariants(cp) : caseVariants(cp);
  if (variants.length === 1) return plainChar(cp);
  return `[${classContents(normalizeRanges(variants.map((member) => [member, member] as const)))}]`;
}

function wordContents(ascii: boolean): string {
  return ascii ? ASCII_WORD : wordClass();
}

/** `\d`, `\w`, `\s` and negations as class contents (v-mode nested classes for negations). */
function shorthand(letter: ShorthandLetter, ascii: boolean): string {
  const digits = () => (ascii ? '0-9' : digitClass());
  const spaces = () => (ascii ? ASCII_SPACE : spaceClass());
  switch (letter) {
    case 'd':
      return digits();
    case 'D':
      return `[^${digits()}]`;
    case 'w':
      return wordContents(ascii);
    case 'W':
      return `[^${wordContents(ascii)}]`;
    case 's':
      return spaces();
    case 'S':
      return `[^${spaces()}]`;
  }
}

function anchor(node: Extract<RegexNode, {kind: 'anchor'}>): string {
  const word = `[${wordContents(node.ascii)}]`;
  switch (node.anchor) {
    case 'start':
      return node.multiline ? '(?<=^|\\n)' : '^';
    case 'end':
      return node.multiline ? '(?=\\n|$)' : '(?=\\n?$)';
    case 'textStart':
      return '^';
    case 'textEnd':
      return '$';
    case 'wordBoundary':
      return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
    case 'notWordBoundary':
      return `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`;
  }
}

function set(members: readonly SetMember[], negated: boolean, ignoreCase: boolean, ascii: boolean): string {
  const single = singleLiteral(members);
  if (single !== null) {
    // Python reads a set of one character as that character.
    const source = literal(single, ignoreCase, ascii);
    if (!negated) return source;
    return `[^${source.startsWith('[') ? source : `[${source}]`}]`;
  }
  const ranges: [number, number][] = [];
  const sets: string[] = [];
  for (const member of members) {
    if (member.kind === 'shorthand') {
      const contents = shorthand(member.letter, ascii);
      sets.push(contents.startsWith('[') ? contents : `[${contents}]`);
    } else if (member.kind === 'range') {
      ranges.push([member.low, member.high]);
    } else if (!(ignoreCase && !ascii && isCapitalOutsideBmp(member.codePoint))) {
      ranges.push([member.codePoint, member.codePoint]);
    }
  }
  let closed = normalizeRanges(ranges);
  if (ignoreCase) closed = ascii ? asciiCaseClosure(closed) : caseClosure(closed);
  return `[${negated ? '^' : ''}${classContents(closed)}${sets.join('')}]`;
}

/** The code point when every member of a set is the same single character (Python's set of one). */
function singleLiteral(members: readonly SetMember[]): number | null {
  const first = members[0];
  if (first?.kind !== 'literal') return null;
  return members.every((member) => member.kind === 'literal' && member.codePoint === first.codePoint) ? first.codePoint : null;
}

function asciiCaseVariants(cp: number): readonly number[] {
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 32];
  if (cp >= 0x61 && cp <= 0x7a) return [cp - 32, cp];
  return [cp];
}

/** IGNORECASE with the ASCII flag: only ASCII letters fold. */
function asciiCaseClosure(ranges: CodePointRanges): CodePointRanges {
  const added: [number, number][] = [];
  for (const [start, end] of ranges) {
    const upper: [number, number] = [Math.max(start, 0x41), Math.min(end, 0x5a)];
    if (upper[0] <= upper[1]) added.push([upper[0] + 32, upper[1] + 32]);
    const lower: [number, number] = [Math.max(start, 0x61), Math.min(end, 0x7a)];
    if (lower[0] <= lower[1]) added.push([lower[0] - 32, lower[1] - 32]);
  }
  return added.length === 0 ? ranges : normalizeRanges([...ranges, ...added]);
}
