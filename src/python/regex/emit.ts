// Emission: a `RegexTree` as the source of a JavaScript RegExp with the `v`
// flag (Node 20+, for the nested classes `[^\W]` needs) that matches as
// Python does. What JavaScript lacks is built from what it has: `$` before
// a final newline and Unicode `\b` from lookarounds, atomic groups and
// possessive repeats from a lookahead and a backreference, conditionals from
// a participation marker at the end of the group they test.

import {digitClass, spaceClass, wordClass} from '../unicode/classes.js';
import {classContents, normalizeRanges} from '../unicode/ranges.js';
import {isCaseSensitiveAtom, type RegexNode, type RegexTree, type SetMember, type ShorthandLetter, walk} from './ast.js';
import {PythonRegexError} from './errors.js';
import {literalVariants, setMemberRanges, singleLiteral} from './sets.js';

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
  const variants = literalVariants(cp, ignoreCase, ascii);
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
  // Only `\b` and `\B` need the (large) word class.
  const word = () => `[${wordContents(node.ascii)}]`;
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
      return `(?:(?<=${word()})(?!${word()})|(?<!${word()})(?=${word()}))`;
    case 'notWordBoundary':
      return `(?:(?<=${word()})(?=${word()})|(?<!${word()})(?!${word()}))`;
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
  const sets = members.flatMap((member) => {
    if (member.kind !== 'shorthand') return [];
    const contents = shorthand(member.letter, ascii);
    return [contents.startsWith('[') ? contents : `[${contents}]`];
  });
  return `[${negated ? '^' : ''}${classContents(setMemberRanges(members, ignoreCase, ascii))}${sets.join('')}]`;
}
