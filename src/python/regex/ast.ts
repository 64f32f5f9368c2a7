// The tree the Python regex parser builds (as `sre_parse` does) and the
// later phases read: width analysis, emission of JavaScript, cost bounds.
// Every node keeps the span of pattern text it came from, in code points as
// Python counts positions, and the scoped flags that decide its meaning.

/** Start (inclusive) and end (exclusive) of a node's text, in code points. */
export interface Span {
  start: number;
  end: number;
}

export type ShorthandLetter = 'd' | 'D' | 'w' | 'W' | 's' | 'S';

/** One member of a character set: a code point, a range, or a shorthand like `\d`. */
export type SetMember =
  | {kind: 'literal'; codePoint: number}
  | {kind: 'range'; low: number; high: number}
  | {kind: 'shorthand'; letter: ShorthandLetter};

export type AnchorKind = 'start' | 'end' | 'textStart' | 'textEnd' | 'wordBoundary' | 'notWordBoundary';

export type RepeatMode = 'greedy' | 'lazy' | 'possessive';

export type RegexNode =
  | {kind: 'empty'; span: Span}
  | {kind: 'literal'; span: Span; codePoint: number; ignoreCase: boolean; ascii: boolean}
  | {kind: 'any'; span: Span; dotAll: boolean}
  | {kind: 'set'; span: Span; negated: boolean; members: SetMember[]; ignoreCase: boolean; ascii: boolean}
  | {kind: 'shorthand'; span: Span; letter: ShorthandLetter; ignoreCase: boolean; ascii: boolean}
  | {kind: 'anchor'; span: Span; anchor: AnchorKind; multiline: boolean; ignoreCase: boolean; ascii: boolean}
  | {kind: 'sequence'; span: Span; items: RegexNode[]}
  | {kind: 'alternation'; span: Span; branches: RegexNode[]}
  /** `(…)`, `(?P<name>…)` (with `capture`), `(?:…)` and `(?flags:…)` (without). */
  | {kind: 'group'; span: Span; body: RegexNode; capture?: {index: number; name: string | null}}
  | {kind: 'lookaround'; span: Span; behind: boolean; negated: boolean; body: RegexNode}
  | {kind: 'atomic'; span: Span; body: RegexNode}
  | {kind: 'repeat'; span: Span; body: RegexNode; min: number; max: number; mode: RepeatMode}
  | {kind: 'backreference'; span: Span; group: number; ignoreCase: boolean}
  | {kind: 'conditional'; span: Span; group: number; yes: RegexNode; no: RegexNode | null};

/** A parsed pattern. */
export interface RegexTree {
  pattern: string;
  root: RegexNode;
  groupCount: number;
}

/** Whether a node's meaning depends on IGNORECASE (the atoms JavaScript's `i` flag would fold). */
export function isCaseSensitiveAtom(node: RegexNode): boolean {
  switch (node.kind) {
    case 'literal':
    case 'set':
    case 'shorthand':
    case 'backreference':
      return true;
    case 'anchor':
      return node.anchor === 'wordBoundary' || node.anchor === 'notWordBoundary';
    default:
      return false;
  }
}

/** The direct children of a node, in pattern order. */
export function childrenOf(node: RegexNode): RegexNode[] {
  switch (node.kind) {
    case 'sequence':
      return node.items;
    case 'alternation':
      return node.branches;
    case 'group':
    case 'lookaround':
    case 'atomic':
    case 'repeat':
      return [node.body];
    case 'conditional':
      return node.no ? [node.yes, node.no] : [node.yes];
    default:
      return [];
  }
}

/** Every node of the tree, parents before children, in pattern order. */
export function* walk(node: RegexNode): Generator<RegexNode> {
  yield node;
  for (const child of childrenOf(node)) yield* walk(child);
}
