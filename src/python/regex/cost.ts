// A bound on the work of V8's backtracking engine for the emitted pattern:
// how many steps a search can take on a text of a given length, counting
// every way each node can match (alternatives, repeat counts) as the
// engine would try them before giving up. It over-counts, never under-counts,
// so a text short enough that the bound stays small may be matched natively
// with no other guard.

import type {CodePointRanges} from '../unicode/ranges.js';
import {type RegexNode, type RegexTree, walk} from './ast.js';
import {codePointsOf} from './sets.js';

/** The characters of one-character nodes, worked out once per node: the bound is evaluated at many lengths. */
const characters = new WeakMap<RegexNode, CodePointRanges | null>();

function charactersOf(node: RegexNode): CodePointRanges | undefined {
  let known = characters.get(node);
  if (known === undefined) {
    known = codePointsOf(node) ?? null;
    characters.set(node, known);
  }
  return known ?? undefined;
}

interface Cost {
  /** ways the node can match from one position (each a backtracking choice) */
  paths: number;
  /** steps to try all of them */
  steps: number;
}

/** The largest text length for which the bound is at most `stepLimit`, or -1 when even the empty text exceeds it. */
export function boundedLength(tree: RegexTree, stepLimit: number): number {
  const conditionGroups = new Set([...walk(tree.root)].flatMap((node) => (node.kind === 'conditional' ? [node.group] : [])));
  const anchored = anchoredAtStart(tree.root);
  const total = (length: number) => {
    const {perStart, once} = searchCost(tree.root, length, conditionGroups);
    return (anchored ? perStart : perStart * (length + 1)) + once;
  };
  if (!(total(0) <= stepLimit)) return -1;
  let low = 0;
  let high = 2 ** 30;
  if (total(high) <= stepLimit) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (total(middle) <= stepLimit) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The steps of one failing start, and those spent once on success. A search
 * stops at its first match (a replacement goes on after it, without going
 * back), so a one-character repeat that ends the pattern costs a failing
 * start only what falls short of its minimum: reaching the minimum is a match.
 */
function searchCost(root: RegexNode, length: number, conditionGroups: ReadonlySet<number>): {perStart: number; once: number} {
  const items = root.kind === 'sequence' ? root.items : [root];
  const last = items.at(-1)!;
  const tailSet = last.kind === 'repeat' && last.mode !== 'possessive' ? charactersOf(last.body) : undefined;
  if (last.kind !== 'repeat' || tailSet === undefined) return {perStart: cost(root, length, conditionGroups).steps + 1, once: 0};
  const shortfall: Cost = {paths: 1, steps: 2 * last.min + 1};
  const prefix = sequenceCost(items.slice(0, -1), length, conditionGroups, shortfall, last);
  return {perStart: prefix.steps + 1, once: 2 * length + 1};
}

/** Whether V8 tries the pattern at the start of the text only: every branch opens with `^` or `\A`. */
function anchoredAtStart(node: RegexNode): boolean {
  switch (node.kind) {
    case 'anchor':
      return node.anchor === 'textStart' || (node.anchor === 'start' && !node.multiline);
    case 'sequence':
      return node.items.length > 0 && anchoredAtStart(node.items[0]);
    case 'alternation':
      return node.branches.every(anchoredAtStart);
    default:
      return false;
  }
}

/** Steps of a scan over the whole text, as the lookarounds of markers, atomic groups and backreferences make. */
function scan(length: number): number {
  return 2 * length + 2;
}

function cost(node: RegexNode, length: number, conditionGroups: ReadonlySet<number>): Cost {
  switch (node.kind) {
    case 'empty':
    case 'literal':
    case 'any':
    case 'set':
    case 'shorthand':
      return {paths: 1, steps: 1};
    case 'anchor':
      // `\b` is emitted as two alternatives of lookarounds; `$` and multiline anchors as one lookaround.
      if (node.anchor === 'wordBoundary' || node.anchor === 'notWordBoundary') return {paths: 2, steps: 6};
      return {paths: 1, steps: 3};
    case 'sequence':
      return sequenceCost(node.items, length, conditionGroups, {paths: 1, steps: 0});
    case 'alternation': {
      const parts = node.branches.map((branch) => cost(branch, length, conditionGroups));
      return {
        paths: parts.reduce((sum, part) => sum + part.paths, 0),
        steps: parts.reduce((sum, part) => sum + part.steps, node.branches.length),
      };
    }
    case 'group': {
      const body = cost(node.body, length, conditionGroups);
      const marked = node.capture !== undefined && conditionGroups.has(node.capture.index);
      return marked ? {paths: body.paths, steps: body.steps + body.paths * scan(length)} : body;
    }
    case 'lookaround':
      return {paths: 1, steps: cost(node.body, length, conditionGroups).steps + 1};
    case 'atomic':
      return {paths: 1, steps: cost(node.body, length, conditionGroups).steps + scan(length)};
    case 'repeat': {
      const repeated = repeatCost(cost(node.body, length, conditionGroups), node.min, node.max, length);
      return node.mode === 'possessive' ? {paths: 1, steps: repeated.steps + scan(length)} : repeated;
    }
    case 'backreference':
      return {paths: 1, steps: length + 1};
    case 'conditional': {
      const yes = cost(node.yes, length, conditionGroups);
      const no = node.no ? cost(node.no, length, conditionGroups) : {paths: 1, steps: 1};
      return {paths: yes.paths + no.paths, steps: yes.steps + no.steps + 2 * scan(length)};
    }
  }
}

/**
 * Items in order, then `after` (the cost of `afterNode`, when there is one): each way an item matches goes on to the rest.
 * A one-character repeat followed by a character it cannot match goes on from
 * one of its ends only (where its run of characters stops); the others fail
 * at once.
 */
function sequenceCost(
  items: readonly RegexNode[],
  length: number,
  conditionGroups: ReadonlySet<number>,
  after: Cost,
  afterNode?: RegexNode,
): Cost {
  let rest = after;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    const itemCost = cost(item, length, conditionGroups);
    const next = i + 1 < items.length ? items[i + 1] : afterNode;
    if (next !== undefined && stopsAtNext(item, next)) {
      rest = {paths: rest.paths, steps: 2 * itemCost.steps + rest.steps};
    } else {
      rest = {paths: itemCost.paths * rest.paths, steps: itemCost.steps + itemCost.paths * rest.steps};
    }
  }
  return rest;
}

function stopsAtNext(item: RegexNode, next: RegexNode): boolean {
  if (item.kind !== 'repeat' || item.mode === 'possessive') return false;
  const repeated = charactersOf(item.body);
  const following = firstCharacters(next);
  return repeated !== undefined && following !== undefined && disjoint(repeated, following);
}

/** What the first character of a match of `node` can be, where that is one set of characters. */
function firstCharacters(node: RegexNode): CodePointRanges | undefined {
  if (node.kind === 'repeat') return node.min >= 1 ? charactersOf(node.body) : undefined;
  return charactersOf(node);
}

function disjoint(a: CodePointRanges, b: CodePointRanges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return false;
  }
  return true;
}

/**
 * A repeat enters its k-th iteration once per way the first k-1 matched, and
 * ends after any iteration from the minimum on. Iterations that match nothing
 * stop the loop, so at most `min + length + 1` run.
 */
function repeatCost(body: Cost, min: number, max: number, length: number): Cost {
  const iterations = Math.min(max, min + length + 1);
  const {paths: p, steps: s} = body;
  if (p === 1) return {paths: iterations - min + 1, steps: iterations * (s + 1) + 1};
  // Geometric sums of p^k; they overflow to Infinity, which only ever fails the bound.
  const power = (k: number) => p ** k;
  return {
    paths: (power(iterations + 1) - power(min)) / (p - 1),
    steps: (s * (power(iterations) - 1)) / (p - 1) + iterations + 1,
  };
}
