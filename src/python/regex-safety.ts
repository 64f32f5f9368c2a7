// Ahead-of-time ReDoS analysis of a Python pattern, for `policy lint`: can a
// backtracking engine (Python's, or V8's on the translation) take super-linear
// time on some text? The analysis is recheck's (its pure-JavaScript backend,
// which needs no binary and no network), run on a JavaScript rendering of the
// parsed tree whose every piece remembers the Python text it came from, so
// findings point into the pattern as written.

import {createRequire} from 'node:module';
import type {Diagnostics} from 'recheck';
import type {RegexNode, Span} from './regex/ast.js';
import {literalVariants} from './regex/sets.js';
import {translate} from './regex/translate.js';
import type {PythonRegexFlags} from './regex.js';

/** How the worst-case matching time grows with the length of the text. */
export type RegexComplexity =
  | {kind: 'constant' | 'linear' | 'safe'; summary: string}
  | {kind: 'polynomial'; degree: number; summary: string}
  | {kind: 'exponential'; summary: string};

/** A part of the pattern that the attack makes the engine go over again and again (recheck's "heat" spots). */
export interface RegexHotspot {
  /** start (inclusive) and end (exclusive) in code points of the pattern, as `PythonRegexError.position` counts */
  start: number;
  end: number;
  /** the pattern text there */
  text: string;
}

export type RegexSafety =
  | {status: 'safe'; complexity: RegexComplexity}
  | {
      status: 'vulnerable';
      complexity: Exclude<RegexComplexity, {kind: 'constant' | 'linear' | 'safe'}>;
      /** a text that makes matching slow: `expression` builds it in JavaScript (`'a'.repeat(31) + '\x00'`); `text` is it (it may be long) */
      attack: {expression: string; text: string};
      hotspots: RegexHotspot[];
    }
  /** the analyser gave up (`timeout`) or cannot handle the pattern */
  | {status: 'unknown'; reason: string};

export interface RegexSafetyOptions {
  /** Stop the analysis after this long (milliseconds); default 5000. */
  timeoutMs?: number;
}

/**
 * Whether a Python pattern can backtrack catastrophically. Throws
 * `PythonRegexError` for a pattern Python rejects. Synchronous; the first call
 * loads the analyser (a few hundred milliseconds).
 */
export function analyzeRegexSafety(pattern: string, flags: PythonRegexFlags = {}, options: RegexSafetyOptions = {}): RegexSafety {
  const {tree} = translate(pattern, flags);
  const rendering = render(tree.root);
  const diagnostics = checkPure(rendering.source, rendering.flags, options.timeoutMs ?? 5000);
  const chars = Array.from(pattern);
  switch (diagnostics.status) {
    case 'safe':
      return {status: 'safe', complexity: {kind: diagnostics.complexity.type, summary: diagnostics.complexity.summary}};
    case 'vulnerable': {
      const complexity = diagnostics.complexity;
      return {
        status: 'vulnerable',
        complexity:
          complexity.type === 'polynomial'
            ? {kind: 'polynomial', degree: complexity.degree, summary: complexity.summary}
            : {kind: 'exponential', summary: complexity.summary},
        attack: {expression: diagnostics.attack.pattern, text: diagnostics.attack.string},
        hotspots: hotspotsIn(
          diagnostics.hotspot.filter((hotspot) => hotspot.temperature === 'heat'),
          rendering.pieces,
          chars,
        ),
      };
    }
    default:
      return {status: 'unknown', reason: 'message' in diagnostics.error ? diagnostics.error.message : diagnostics.error.kind};
  }
}

type Recheck = typeof import('recheck');
let recheck: Recheck | undefined;

/** recheck's synchronous check on its pure-JavaScript backend, which it reads from the environment at each call. */
function checkPure(source: string, flags: string, timeout: number): Diagnostics {
  recheck ??= createRequire(import.meta.url)('recheck') as Recheck;
  const previous = process.env.RECHECK_SYNC_BACKEND;
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  try {
    return recheck.checkSync(source, flags, {timeout});
  } finally {
    if (previous === undefined) delete process.env.RECHECK_SYNC_BACKEND;
    else process.env.RECHECK_SYNC_BACKEND = previous;
  }
}

/** A piece of the rendering: its range in the JavaScript source (UTF-16) and the span of Python text it renders. */
interface Piece {
  from: number;
  to: number;
  span: Span;
}

/**
 * The tree as a `u`-mode JavaScript pattern with the same backtracking
 * structure: classes with their Python members, captures named so helper
 * groups shift no numbers, atomic groups as lookahead and backreference,
 * conditionals as a plain alternative (the analysis then over-counts them).
 */
function render(root: RegexNode): {source: string; flags: string; pieces: Piece[]} {
  const pieces: Piece[] = [];
  let source = '';
  let helpers = 0;
  let ignoreCase = false;
  let multiline = false;
  const out = (text: string) => {
    source += text;
  };
  const visit = (node: RegexNode): void => {
    const from = source.length;
    switch (node.kind) {
      case 'empty':
        break;
      case 'literal':
        out(literal(node.codePoint, node.ignoreCase, node.ascii));
        break;
      case 'any':
        out(node.dotAll ? '[\\s\\S]' : '.');
        break;
      case 'shorthand':
        out(`\\${node.letter}`);
        break;
      case 'set':
        ignoreCase ||= node.ignoreCase;
        out(`[${node.negated ? '^' : ''}${node.members.map((member) => (member.kind === 'shorthand' ? `\\${member.letter}` : member.kind === 'range' ? `${spelt(member.low)}-${spelt(member.high)}` : spelt(member.codePoint))).join('')}]`);
        break;
      case 'anchor':
        multiline ||= node.multiline;
        out({start: '^', end: '$', textStart: '^', textEnd: '$', wordBoundary: '\\b', notWordBoundary: '\\B'}[node.anchor]);
        break;
      case 'sequence':
        node.items.forEach(visit);
        break;
      case 'alternation':
        node.branches.forEach((branch, index) => {
          if (index > 0) out('|');
          visit(branch);
        });
        break;
      case 'group':
        out(node.capture ? `(?<g${node.capture.index}>` : '(?:');
        visit(node.body);
        out(')');
        break;
      case 'lookaround':
        out(`(?${node.behind ? '<' : ''}${node.negated ? '!' : '='}`);
        visit(node.body);
        out(')');
        break;
      case 'atomic':
      case 'repeat': {
        const atomic = node.kind === 'atomic' || node.mode === 'possessive';
        const name = `h${++helpers}`;
        if (atomic) out(`(?=(?<${name}>`);
        if (node.kind === 'repeat') {
          out('(?:');
          visit(node.body);
          out(`)${quantifier(node.min, node.max)}${node.mode === 'lazy' ? '?' : ''}`);
        } else {
          visit(node.body);
        }
        if (atomic) out(`))\\k<${name}>`);
        break;
      }
      case 'backreference':
        ignoreCase ||= node.ignoreCase;
        out(`\\k<g${node.group}>`);
        break;
      case 'conditional':
        out('(?:');
        visit(node.yes);
        out('|');
        if (node.no) visit(node.no);
        out(')');
        break;
    }
    pieces.push({from, to: source.length, span: node.span});
  };
  visit(root);
  return {source, flags: `u${ignoreCase ? 'i' : ''}${multiline ? 'm' : ''}`, pieces};
}

function quantifier(min: number, max: number): string {
  if (max === Infinity) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

function spelt(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  return /^[A-Za-z0-9 _]$/.test(char) ? char : `\\u{${codePoint.toString(16)}}`;
}

function literal(codePoint: number, ignoreCase: boolean, ascii: boolean): string {
  const variants = literalVariants(codePoint, ignoreCase, ascii);
  return variants.length === 1 ? spelt(codePoint) : `[${variants.map(spelt).join('')}]`;
}

/** Each hotspot as the Python text of the smallest rendered piece holding it. */
function hotspotsIn(hotspots: readonly {start: number; end: number}[], pieces: readonly Piece[], chars: readonly string[]): RegexHotspot[] {
  const found: RegexHotspot[] = [];
  for (const hotspot of hotspots) {
    let best: Piece | undefined;
    for (const piece of pieces) {
      if (piece.from <= hotspot.start && hotspot.end <= piece.to && (!best || piece.to - piece.from < best.to - best.from)) best = piece;
    }
    if (!best || found.some((known) => known.start === best.span.start && known.end === best.span.end)) continue;
    found.push({start: best.span.start, end: best.span.end, text: chars.slice(best.span.start, best.span.end).join('')});
  }
  return found;
}
