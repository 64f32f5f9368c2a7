// Checks PyYAML makes while reading, scanning and parsing that the `yaml`
// package does not: characters its reader refuses, tabs anywhere a token
// could start (PyYAML only ever skips spaces), anchor names, directives, and
// keys left out without `?`. Also remembers where tags and anchors are, since
// PyYAML marks a node from its first property.

import {CST} from 'yaml';
import {strRepr} from '../../python/repr.js';
import {YamlSyntaxError} from './errors.js';
import type {LineIndex} from './positions.js';

const UNACCEPTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export function checkPrintable(text: string, lines: LineIndex): void {
  const match = UNACCEPTABLE.exec(text);
  if (!match) return;
  const code = match[0].codePointAt(0)!;
  throw new YamlSyntaxError({
    code: 'unacceptable-character',
    reason: `unacceptable character #x${code.toString(16).padStart(4, '0')}: special characters are not allowed`,
    mark: {range: lines.range([match.index, match.index + 1]), codePointIndex: lines.codePointIndex(match.index)},
  });
}

/** A syntax problem found by our own checks, placed so the earliest one can be reported. */
export interface FoundProblem {
  offset: number;
  error: YamlSyntaxError;
}

export interface TokenScan {
  /** offsets of property tokens (`!tag`, `&anchor`), ascending */
  properties: number[];
  /** the first problem PyYAML's scanner would meet: a tab, a malformed name or directive */
  firstProblem?: FoundProblem;
}

/**
 * Scans the lexer's tokens (`new Lexer().lex(text)`) once: finds the first tab
 * outside quoted scalars, comments and block scalars, refuses flow nesting
 * beyond `maxDepth`, and returns where tags and anchors start.
 */
export function scanTokens(lexemes: Iterable<string>, lines: LineIndex, maxDepth: number): TokenScan {
  const scan: TokenScan = {properties: []};
  let offset = 0;
  let flowDepth = 0;
  let scalarSourceNext = false;
  let blockScalarPending = false;
  let directivesPending = false;
  let sawContent = false;
  let previousType: string | null | undefined;
  const note = (problem: FoundProblem | undefined) => {
    if (problem && !scan.firstProblem) scan.firstProblem = problem;
  };
  const noteTab = (source: string, at: number) => {
    const index = source.indexOf('\t');
    if (index >= 0) note({offset: at + index, error: tabError(at + index, lines)});
  };
  for (const token of lexemes) {
    if (scalarSourceNext) {
      scalarSourceNext = false;
      if (!blockScalarPending) noteTab(token, offset);
      blockScalarPending = false;
      offset += token.length;
      continue;
    }
    const type = CST.tokenType(token);
    if (!INSIGNIFICANT.has(type ?? '')) {
      if (directivesPending && type !== 'doc-start' && type !== 'directive-line') {
        note(parserProblem(offset, "expected '<document start>', but found the document's content", lines));
      }
      if (!sawContent && type === 'doc-end') {
        note(parserProblem(offset, "expected the node content, but found '<document end>'", lines, 'while parsing a block node'));
      }
      directivesPending = type === 'directive-line';
      sawContent = true;
    }
    if (type === 'directive-line') note(directiveProblem(token, offset, lines));
    if (type === 'comment' && previousType === 'block-scalar-header') {
      const problem = "expected a comment or a line break, but found '#'";
      note(parserProblem(offset, problem, lines, 'while scanning a block scalar'));
    }
    previousType = type;
    if (type === 'anchor' || type === 'alias') note(nameProblem(token, offset, lines));
    if (type === 'scalar') scalarSourceNext = true;
    else if (type === 'block-scalar-header') blockScalarPending = true;
    else if (type === 'space') noteTab(token, offset);
    else if (type === 'tag' || type === 'anchor') scan.properties.push(offset);
    else if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flowDepth > maxDepth) throw nestingError(offset, lines, maxDepth);
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') flowDepth = Math.max(0, flowDepth - 1);
    if (type !== 'scalar' && type !== 'doc-mode' && type !== 'flow-error-end') offset += token.length;
  }
  if (directivesPending) note(parserProblem(offset, "expected '<document start>', but found '<stream end>'", lines));
  return scan;
}

const INSIGNIFICANT = new Set(['space', 'newline', 'comment', 'doc-mode', 'byte-order-mark']);

function parserProblem(offset: number, reason: string, lines: LineIndex, context?: string): FoundProblem {
  const mark = {range: lines.range([offset, offset])};
  return {offset, error: new YamlSyntaxError({code: 'syntax', reason, mark, context, contextMark: context ? mark : undefined})};
}

const DIRECTIVES: [name: RegExp, line: RegExp][] = [
  [/^%YAML(?:\s|$)/, /^%YAML +[0-9]+\.[0-9]+(?: +(?:#.*)?)?$/],
  [/^%TAG(?:\s|$)/, /^%TAG +!(?:[-0-9A-Za-z]*!)? +[^ ]+(?: +(?:#.*)?)?$/],
  [/^%/, /^%[-_0-9A-Za-z]+(?: .*)?$/],
];

/** PyYAML accepts `%YAML major.minor`, `%TAG handle prefix`, and other names with any text after. */
function directiveProblem(line: string, offset: number, lines: LineIndex): FoundProblem | undefined {
  const text = line.replace(/\r?\n$/, '');
  const form = DIRECTIVES.find(([name]) => name.test(text));
  if (!form || form[1].test(text)) return undefined;
  const mark = {range: lines.range([offset, offset + text.length])};
  return {offset, error: new YamlSyntaxError({code: 'syntax', context: 'while scanning a directive', reason: `malformed directive ${text}`, mark, contextMark: mark})};
}

/** PyYAML's anchor and alias names are ASCII letters, digits, `-` and `_`. */
function nameProblem(token: string, offset: number, lines: LineIndex): FoundProblem | undefined {
  const bad = /[^-_0-9A-Za-z]/.exec(token.slice(1));
  // PyYAML would end a name at one of '?:,]}%@`' and read on (`&a: 1` anchors an empty key);
  // the `yaml` package reads them into the name, so refusing is safer than a different value.
  if (token.length > 1 && !bad) return undefined;
  const kind = token[0] === '&' ? 'an anchor' : 'an alias';
  const at = offset + 1 + (bad?.index ?? 0);
  const found = bad ? bad[0] : token.length > 1 ? token[1] : ' ';
  const mark = {range: lines.range([at, at + 1])};
  return {
    offset,
    error: new YamlSyntaxError({
      code: 'syntax',
      context: `while scanning ${kind}`,
      contextMark: {range: lines.range([offset, offset])},
      reason: `expected alphabetic or numeric character, but found ${strRepr(found)}`,
      mark,
    }),
  };
}

export function nestingError(offset: number, lines: LineIndex, maxDepth: number): YamlSyntaxError {
  return new YamlSyntaxError({
    code: 'limit',
    reason: `the document nests deeper than ${maxDepth} levels`,
    mark: {range: lines.range([offset, offset + 1])},
  });
}

function tabError(offset: number, lines: LineIndex): YamlSyntaxError {
  const mark = {range: lines.range([offset, offset + 1])};
  return new YamlSyntaxError({
    code: 'syntax',
    context: 'while scanning for the next token',
    contextMark: mark,
    reason: "found character '\\t' that cannot start any token",
    mark,
  });
}

type CollectionToken = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

/**
 * Walks the syntax tree (iteratively: it may be deep) for what PyYAML's parser
 * refuses and the `yaml` package accepts: a `:` with no key and no `?`, and
 * tabs that end a block scalar. Returns the first such problem.
 */
export function checkTokenTree(tokens: readonly CST.Token[], lines: LineIndex): FoundProblem | undefined {
  const problems: FoundProblem[] = [];
  const pending: CST.Token[] = [...tokens];
  for (let token = pending.pop(); token; token = pending.pop()) {
    if (token.type === 'document' && token.value) pending.push(token.value);
    else if (token.type === 'block-scalar') {
      const tab = blockScalarTab(token);
      if (tab !== undefined) problems.push({offset: tab, error: tabError(tab, lines)});
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of (token as CollectionToken).items as CST.CollectionItem[]) {
        const emptyKey = emptyKeyProblem(token as CollectionToken, item, lines);
        if (emptyKey) problems.push(emptyKey);
        if (item.key) pending.push(item.key);
        if (item.value) pending.push(item.value);
      }
    }
  }
  return problems.reduce<FoundProblem | undefined>((first, problem) => (!first || problem.offset < first.offset ? problem : first), undefined);
}

function emptyKeyProblem(collection: CollectionToken, item: CST.CollectionItem, lines: LineIndex): FoundProblem | undefined {
  if (item.key !== null || item.start.some((token) => token.type === 'explicit-key-ind')) return undefined;
  const indicator = item.sep?.find((token) => token.type === 'map-value-ind');
  if (!indicator) return undefined;
  const mark = {range: lines.range([indicator.offset, indicator.offset + 1])};
  const error =
    collection.type === 'block-map'
      ? new YamlSyntaxError({
          code: 'syntax',
          context: 'while parsing a block mapping',
          contextMark: {range: lines.range([collection.offset, collection.offset])},
          reason: "expected <block end>, but found ':'",
          mark,
        })
      : new YamlSyntaxError({
          code: 'syntax',
          context: 'while parsing a flow node',
          contextMark: mark,
          reason: "expected the node content, but found ':'",
          mark,
        });
  return {offset: indicator.offset, error};
}

/**
 * Block scalar content: PyYAML skips spaces up to the scalar's indentation on
 * each line; a tab met before reaching it ends the scalar and then fails as
 * the start of a token. Returns that tab's offset.
 */
function blockScalarTab(token: CST.BlockScalar): number | undefined {
  if (!token.source.includes('\t')) return undefined;
  const props = sourceProps(token);
  const header = blockScalarHeader(token);
  const last = props[props.length - 1];
  const contentStart = last ? last.offset + last.source.length : token.offset;
  const contentLines = token.source.split('\n');
  const indent = blockScalarIndent(token, header, contentLines);
  let lineOffset = contentStart;
  for (const line of contentLines) {
    let spaces = 0;
    while (spaces < indent && line[spaces] === ' ') spaces++;
    if (spaces < indent && line[spaces] === '\t') return lineOffset + spaces;
    lineOffset += line.length + 1;
  }
  return undefined;
}

function sourceProps(token: CST.BlockScalar): CST.SourceToken[] {
  return token.props.filter((prop): prop is CST.SourceToken => 'source' in prop && typeof prop.source === 'string');
}

export function blockScalarHeader(token: CST.BlockScalar): string {
  return sourceProps(token).find((prop) => prop.type === 'block-scalar-header')?.source ?? '';
}

/**
 * PyYAML adds no line break after a block scalar's last line when the stream
 * ends right after it; the `yaml` package does. True when one must be removed.
 */
export function endsWithoutLineBreak(token: CST.BlockScalar): boolean {
  const header = blockScalarHeader(token);
  if (header.includes('-') || token.source.endsWith('\n')) return false;
  const contentLines = token.source.split('\n');
  return contentLines[contentLines.length - 1].length > blockScalarIndent(token, header, contentLines);
}

/** The content indentation PyYAML uses for a block scalar. */
export function blockScalarIndent(token: CST.BlockScalar, header: string, contentLines: string[]): number {
  const minIndent = Math.max(1, token.indent + 1);
  const explicit = /[1-9]/.exec(header);
  return explicit ? minIndent + Number(explicit[0]) - 1 : detectIndent(contentLines, minIndent);
}

/** PyYAML's auto-detected indentation: the deepest leading spaces up to the first content line. */
function detectIndent(contentLines: string[], minIndent: number): number {
  let deepest = 0;
  for (const line of contentLines) {
    const spaces = /^ */.exec(line)![0].length;
    deepest = Math.max(deepest, spaces);
    if (line.slice(spaces).replace(/\r$/, '') !== '') break;
  }
  return Math.max(minIndent, deepest);
}
