// Checks PyYAML makes while reading, scanning and parsing that the `yaml`
// package does not: characters its reader refuses, tabs anywhere a token
// could start (PyYAML only ever skips spaces), anchor names, directives, and
// keys left out without `?`. Also remembers where tags and anchors are, since
// PyYAML marks a node from its first property.

import {CST} from 'yaml';
import {strRepr} from '../../python/repr.js';
import {YamlSyntaxError} from './errors.js';
import type {LineIndex} from './positions.js';
import type {Insertion} from './source.js';

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
  /**
   * Spaces the text needs before it reads as PyYAML reads it (see source.ts);
   * when there are any, the scan stopped early and must be repeated on the
   * text with them inserted.
   */
  insertions: Insertion[];
}

/**
 * Scans the lexer's tokens of `text` (`new Lexer().lex(text)`) once: finds the first tab outside quoted scalars,
 * comments and block scalars, refuses flow nesting beyond `maxDepth`, returns
 * where tags and anchors start, and finds where the `yaml` package needs spaces
 * inserted to read as PyYAML does.
 */
export function scanTokens(text: string, lexemes: Iterable<string>, lines: LineIndex, maxDepth: number): TokenScan {
  return new TokenScanner(text, lines, maxDepth).scan(lexemes);
}

class TokenScanner {
  private readonly result: TokenScan = {properties: [], insertions: []};
  private offset = 0;
  /** offsets of the open `[` and `{`, outermost first */
  private readonly flowStarts: number[] = [];
  private blockScalarPending = false;
  private directivesPending = false;
  private sawContent = false;
  private previousType: string | null | undefined;
  /** the %YAML and %TAG directives of the document being started */
  private yamlDirectiveSeen = false;
  private readonly tagHandles = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {}

  scan(lexemes: Iterable<string>): TokenScan {
    let scalarSourceNext = false;
    for (const token of lexemes) {
      if (scalarSourceNext) {
        scalarSourceNext = false;
        this.plainOrBlockScalar(token);
        this.offset += token.length;
        continue;
      }
      const type = CST.tokenType(token);
      if (!this.token(token, type)) return this.result;
      if (type === 'scalar') scalarSourceNext = true;
      if (type !== 'scalar' && type !== 'doc-mode' && type !== 'flow-error-end') this.offset += token.length;
    }
    if (this.directivesPending) this.note(parserProblem(this.offset, "expected '<document start>', but found '<stream end>'", this.lines));
    return this.result;
  }

  /** Looks at one token; false when the scan must stop because the text needs insertions first. */
  private token(token: string, type: string | null | undefined): boolean {
    const offset = this.offset;
    if (type === 'byte-order-mark' && offset > 0) this.note(this.byteOrderMarkProblem(offset));
    if (!INSIGNIFICANT.has(type ?? '')) {
      if (this.directivesPending && type !== 'doc-start' && type !== 'directive-line') {
        this.note(parserProblem(offset, "expected '<document start>', but found the document's content", this.lines));
      }
      if (!this.sawContent && type === 'doc-end') {
        this.note(parserProblem(offset, "expected the node content, but found '<document end>'", this.lines, 'while parsing a block node'));
      }
      this.directivesPending = type === 'directive-line';
      this.sawContent = true;
    }
    if (type === 'directive-line') this.note(this.directiveProblem(offset));
    if (type === 'doc-start') this.startDocument();
    if (type === 'comment' && this.previousType === 'block-scalar-header') {
      const problem = "expected a comment or a line break, but found '#'";
      this.note(parserProblem(offset, problem, this.lines, 'while scanning a block scalar'));
    }
    this.previousType = type;
    switch (type) {
      case 'anchor':
      case 'alias':
        this.note(nameProblem(token, offset, this.lines));
        if (type === 'anchor') this.result.properties.push(offset);
        return true;
      case 'tag':
        this.result.properties.push(offset);
        return true;
      case 'block-scalar-header':
        this.blockScalarPending = true;
        return true;
      case 'space':
        this.noteTab(token, offset);
        return true;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.quotedScalar(token, offset);
      case 'flow-map-start':
      case 'flow-seq-start':
        this.flowStarts.push(offset);
        if (this.flowStarts.length > this.maxDepth) throw nestingError(offset, this.lines, this.maxDepth);
        return true;
      case 'flow-map-end':
      case 'flow-seq-end':
        this.flowStarts.pop();
        return true;
      case 'flow-error-end':
        return this.flowCut(offset);
      default:
        return true;
    }
  }

  private plainOrBlockScalar(source: string): void {
    if (this.blockScalarPending) {
      this.blockScalarPending = false;
      return;
    }
    this.noteTab(source, this.offset);
    if (this.flowStarts.length === 0) return;
    // In flow context PyYAML reads `?` as a key indicator wherever a token may start, and ends plain scalars at it.
    if (source.startsWith('?')) this.result.insertions.push({at: this.offset + 1, spaces: 1});
    const inside = source.indexOf('?', 1);
    if (inside > 0) this.note(this.flowQuestionProblem(this.offset + inside));
  }

  /**
   * PyYAML does not check the indentation of a quoted scalar's continuation
   * lines; the `yaml` package ends the scalar at the first line indented less
   * than its block. Indenting those lines changes no value: leading white
   * space on a continuation line is not part of it.
   */
  private quotedScalar(token: string, offset: number): boolean {
    const close = closingQuote(this.text, offset);
    if (close < 0 || close <= offset + token.length - 1) return true;
    const insertions = this.indentLines(offset, close, this.column(offset) + 1);
    this.result.insertions.push(...insertions);
    return insertions.length === 0;
  }

  /** A flow collection continued on a line indented less than its block: PyYAML ignores indentation in flow context. */
  private flowCut(offset: number): boolean {
    const outermost = this.flowStarts[0];
    this.flowStarts.length = 0;
    if (outermost === undefined) return true;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const insertions = this.indentLines(lineStart - 1, lineStart, this.column(outermost) + 1);
    this.result.insertions.push(...insertions);
    return insertions.length === 0;
  }

  /**
   * Spaces that indent every line starting in `(from, to]` to `indent`,
   * leaving blank lines alone; none when a line starts with a document marker,
   * which ends the construct for PyYAML too.
   */
  private indentLines(from: number, to: number, indent: number): Insertion[] {
    const insertions: Insertion[] = [];
    for (let lineStart = this.text.indexOf('\n', from) + 1; lineStart > 0 && lineStart <= to; lineStart = this.text.indexOf('\n', lineStart) + 1) {
      if (isDocumentMarker(this.text, lineStart)) return [];
      const spaces = /^ */.exec(this.text.slice(lineStart, lineStart + indent))![0].length;
      const rest = this.text.slice(lineStart + spaces, lineStart + spaces + 2);
      if (spaces < indent && rest[0] !== '\n' && rest !== '\r\n') insertions.push({at: lineStart, spaces: indent - spaces});
    }
    return insertions;
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  private startDocument(): void {
    this.yamlDirectiveSeen = false;
    this.tagHandles.clear();
  }

  /** A directive line as PyYAML scans it, then what its parser refuses: a second %YAML, a version 2, a repeated %TAG handle. */
  private directiveProblem(offset: number): FoundProblem | undefined {
    const lineEnd = this.text.indexOf('\n', offset);
    const line = this.text.slice(offset, lineEnd < 0 ? this.text.length : lineEnd).replace(/\r$/, '');
    const malformed = malformedDirective(line);
    if (malformed) {
      const at = offset + malformed.at;
      return {
        offset,
        error: new YamlSyntaxError({
          code: 'syntax',
          context: malformed.context,
          contextMark: {range: this.lines.range([offset, offset])},
          reason: malformed.reason,
          mark: {range: this.lines.range([at, at + 1])},
        }),
      };
    }
    const reason = this.directiveConflict(line);
    return reason ? {offset, error: new YamlSyntaxError({code: 'syntax', reason, mark: {range: this.lines.range([offset, offset])}})} : undefined;
  }

  private directiveConflict(line: string): string | undefined {
    const version = /^%YAML +([0-9]+)\./.exec(line);
    if (version) {
      const seen = this.yamlDirectiveSeen;
      this.yamlDirectiveSeen = true;
      if (seen) return 'found duplicate YAML directive';
      return Number(version[1]) === 1 ? undefined : 'found incompatible YAML document (version 1.* is required)';
    }
    const handle = /^%TAG +(\S+)/.exec(line)?.[1];
    if (handle === undefined) return undefined;
    if (this.tagHandles.has(handle)) return `duplicate tag handle ${strRepr(handle)}`;
    this.tagHandles.add(handle);
    return undefined;
  }

  /**
   * PyYAML skips a byte order mark only at the very start of the stream;
   * elsewhere it is a character of content. After a document that content
   * has no `---` before it; before any document it would be part of the first
   * key, which the `yaml` package cannot be made to read.
   */
  private byteOrderMarkProblem(offset: number): FoundProblem {
    if (this.sawContent) return parserProblem(offset, "expected '<document start>', but found '<scalar>'", this.lines);
    const mark = {range: this.lines.range([offset, offset + 1])};
    const reason = 'a byte order mark (U+FEFF) after the start of the file is content for PyYAML; remove it';
    return {offset, error: new YamlSyntaxError({code: 'unsupported', reason, mark})};
  }

  private flowQuestionProblem(offset: number): FoundProblem {
    const start = this.flowStarts[this.flowStarts.length - 1];
    const sequence = this.text[start] === '[';
    return {
      offset,
      error: new YamlSyntaxError({
        code: 'syntax',
        context: `while parsing a flow ${sequence ? 'sequence' : 'mapping'}`,
        contextMark: {range: this.lines.range([start, start])},
        reason: `expected ',' or '${sequence ? ']' : '}'}', but got '?'`,
        mark: {range: this.lines.range([offset, offset + 1])},
      }),
    };
  }

  private note(problem: FoundProblem | undefined): void {
    if (problem && !this.result.firstProblem) this.result.firstProblem = problem;
  }

  private noteTab(source: string, at: number): void {
    const index = source.indexOf('\t');
    if (index >= 0) this.note({offset: at + index, error: tabError(at + index, this.lines)});
  }
}

/** Where PyYAML ends the quoted scalar opening at `start`: the next unescaped quote, or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (quote === "'" && char === "'") {
      if (text[index + 1] !== "'") return index;
      index++;
    } else if (quote === '"' && char === '\\') {
      index++;
    } else if (char === quote) {
      return index;
    }
  }
  return -1;
}

/** `---` or `...` at the start of a line, followed by white space or the end: PyYAML's document markers. */
function isDocumentMarker(text: string, lineStart: number): boolean {
  const marker = text.slice(lineStart, lineStart + 3);
  return (marker === '---' || marker === '...') && /^[ \t\r\n]?$/.test(text.slice(lineStart + 3, lineStart + 4));
}

const INSIGNIFICANT = new Set(['space', 'newline', 'comment', 'doc-mode', 'byte-order-mark']);

function parserProblem(offset: number, reason: string, lines: LineIndex, context?: string): FoundProblem {
  const mark = {range: lines.range([offset, offset])};
  return {offset, error: new YamlSyntaxError({code: 'syntax', reason, mark, context, contextMark: context ? mark : undefined})};
}

interface MalformedDirective {
  context: string;
  reason: string;
  /** index into the line of the character PyYAML stopped at */
  at: number;
}

const NAME_CHAR = /[-_0-9A-Za-z]/;
const URI_CHAR = /[-0-9A-Za-z;/?:@&=+$,_.!~*'()[\]%]/;

/**
 * PyYAML's directive scanner on one line (without its break): a name; for
 * %YAML `major.minor`, for %TAG a handle and a URI prefix; then only spaces
 * and a comment. Any other name may be followed by anything.
 */
function malformedDirective(line: string): MalformedDirective | undefined {
  const context = 'while scanning a directive';
  const found = (at: number, expected: string, scanning = context, seen = at): MalformedDirective => ({
    context: scanning,
    reason: `expected ${expected}, but found ${strRepr(seen < line.length ? line[seen] : '\n')}`,
    at,
  });
  const skip = (from: number, pattern: RegExp) => {
    let index = from;
    while (index < line.length && pattern.test(line[index])) index++;
    return index;
  };
  const nameEnd = skip(1, NAME_CHAR);
  if (nameEnd === 1 || (nameEnd < line.length && line[nameEnd] !== ' ')) return found(nameEnd, 'alphabetic or numeric character');
  const name = line.slice(1, nameEnd);
  let index = nameEnd;
  if (name === 'YAML') {
    index = skip(index, / /);
    const majorEnd = skip(index, /[0-9]/);
    if (majorEnd === index) return found(index, 'a digit');
    if (line[majorEnd] !== '.') return found(majorEnd, "a digit or '.'");
    const minorEnd = skip(majorEnd + 1, /[0-9]/);
    if (minorEnd === majorEnd + 1) return found(minorEnd, 'a digit');
    if (minorEnd < line.length && line[minorEnd] !== ' ') return found(minorEnd, "a digit or ' '");
    index = minorEnd;
  } else if (name === 'TAG') {
    index = skip(index, / /);
    if (line[index] !== '!') return found(index, "'!'");
    if (line[index + 1] !== ' ') {
      const handleEnd = skip(index + 1, NAME_CHAR);
      if (line[handleEnd] !== '!') return found(handleEnd, "'!'");
      index = handleEnd;
    }
    index += 1;
    if (line[index] !== ' ') return found(index, "' '");
    index = skip(index, / /);
    let prefixEnd = index;
    for (; prefixEnd < line.length && URI_CHAR.test(line[prefixEnd]); prefixEnd++) {
      if (line[prefixEnd] !== '%') continue;
      const bad = [1, 2].find((step) => !/[0-9A-Fa-f]/.test(line[prefixEnd + step] ?? ''));
      if (bad !== undefined) return found(prefixEnd + 1, 'URI escape sequence of 2 hexadecimal numbers', context, prefixEnd + bad);
      prefixEnd += 2;
    }
    if (prefixEnd === index) return found(index, 'URI', 'while parsing a directive');
    if (prefixEnd < line.length && line[prefixEnd] !== ' ') return found(prefixEnd, "' '");
    index = prefixEnd;
  } else {
    return undefined;
  }
  index = skip(index, / /);
  if (index < line.length && line[index] !== '#') return found(index, 'a comment or a line break');
  return undefined;
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

/** When the `yaml` package runs out of stack before our depth limit: the depth at which that happens varies. */
export const TOO_DEEP = 'the document is nested too deeply to read';

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
