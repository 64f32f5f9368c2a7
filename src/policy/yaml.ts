// Reads a policy's YAML the way the reference's PyYAML `yaml.safe_load` does
// (YAML 1.1 typing: `yes` is true, `017` is 15, `2020-01-01` is a date, `<<`
// merges) and keeps where every node was written, for `file:line:col` findings.
//
//   readYaml(text, {simpleFirst?}) -> YamlDocument   (simpleFirst: try yaml/simple.ts's fast reader first)
//     .value                   what safe_load returns (see src/python/values.ts)
//     .rangeOf(path, part?)    where the value at a path of keys/indexes was written;
//                              part 'key' gives a mapping entry's key; a path that does
//                              not resolve falls back to its deepest resolved ancestor
//     .duplicateKeys           keys repeated in one mapping (the last one won)
//   throws YamlSyntaxError     code, reason and range; `pyYamlText(name)` renders PyYAML's str(err)
//
// The `yaml` package tokenizes and parses; values are built here with PyYAML's
// rules. Where the package reads a stream differently from PyYAML, the text it
// reads is adjusted first (yaml/source.ts: PyYAML's line breaks, continuation
// lines PyYAML does not check the indentation of, `?` in flow context), with
// every position mapped back to the text as given. On purpose we differ where
// PyYAML would hang, crash or build values the model cannot hold: alias bombs,
// nesting beyond 500 levels and recursive aliases are errors, as are `!!binary`,
// `!!set` and a double-quoted pair of surrogate escapes (two lone surrogates in
// Python, one character in JavaScript); `!!omap`/`!!pairs` give lists of
// `[key, value]` lists (Python gives tuples). Where no adjustment makes the package give PyYAML's value (an
// anchor name running into `:`, a LS or PS line break inside a scalar, a byte
// order mark after the start), we refuse rather than give a different value.

import {type CST, Composer, type Document, isNode, Lexer, Parser, visit, type YAMLError} from 'yaml';
import type {PyValue} from '../python/values.js';
import {
  type Construction,
  constructDocument,
  type DuplicateKey,
  MAX_NESTING_DEPTH,
  type YamlPath,
} from './yaml/construct.js';
import {YamlSyntaxError} from './yaml/errors.js';
import {checkPrintable, checkTokenTree, type FoundProblem, scanTokens, TOO_DEEP} from './yaml/lexical.js';
import {LineIndex, type OffsetRange, type PositionRange} from './yaml/positions.js';
import {readSimpleYaml} from './yaml/simple.js';
import {ReadSource} from './yaml/source.js';

export {MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, type YamlPath} from './yaml/construct.js';
export {type YamlErrorCode, YamlSyntaxError} from './yaml/errors.js';
export type {SourcePosition, PositionRange} from './yaml/positions.js';

export interface YamlDuplicateKey {
  /** path of the mapping that repeats the key */
  path: YamlPath;
  key: string;
  /** where the repeated (winning) key is written */
  range: PositionRange;
}

export interface YamlDocument {
  value: PyValue;
  rangeOf(path: YamlPath, part?: 'key' | 'value'): PositionRange | undefined;
  duplicateKeys: YamlDuplicateKey[];
}

const PARSE_OPTIONS = {
  schema: 'failsafe',
  resolveKnownTags: false,
  uniqueKeys: false,
  keepSourceTokens: true,
  version: '1.1',
  prettyErrors: false,
} as const;

export interface ReadYamlOptions {
  /**
   * Try the fast reader of plain block YAML first (see yaml/simple.ts): for
   * test suites and policies, where reading is most of a short run's work. It
   * gives the same values and positions, and leaves every other document
   * (and every problem) to the full reader.
   */
  simpleFirst?: boolean;
}

export function readYaml(text: string, options: ReadYamlOptions = {}): YamlDocument {
  const lines = new LineIndex(text);
  try {
    checkPrintable(text, lines);
    if (options.simpleFirst) {
      const simple = readSimpleYaml(text);
      if (simple) return new ReadDocument(simple, lines);
    }
    return readChecked(text, lines);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new YamlSyntaxError({code: 'limit', reason: TOO_DEEP});
    }
    throw error;
  }
}

/**
 * Characters scanned in all, over the passes that each insert spaces (see
 * yaml/source.ts). Real policies need one pass or two; a flow collection
 * continued below its indentation on every line needs one per line, so the
 * passes are bounded by the work they do.
 */
const MAX_SCANNED_CHARACTERS = 2_000_000;

/** The full reader, for a text already checked to be printable. */
function readChecked(text: string, lines: LineIndex): YamlDocument {
  let source = ReadSource.of(text);
  let read = lines;
  // The text is lexed once per pass, and parsed once: our checks and the composer share the tokens.
  let lexemes = lex(source.text);
  let scan = scanTokens(source.text, lexemes, read, MAX_NESTING_DEPTH);
  for (let scanned = source.text.length; scan.insertions.length > 0; scanned += source.text.length) {
    if (scanned > MAX_SCANNED_CHARACTERS) throw tooManyContinuations(scan.insertions[0].at, read);
    source = source.withInsertions(scan.insertions);
    read = lines.mapped(source.toOriginal);
    lexemes = lex(source.text);
    scan = scanTokens(source.text, lexemes, read, MAX_NESTING_DEPTH);
  }
  const tokens = parseTokens(lexemes);
  const documents = Array.from(new Composer(PARSE_OPTIONS).compose(tokens));
  const first = documents[0];
  const second = documents[1];
  // PyYAML stops at the first problem in the stream, and at the start of a second document.
  const problems = [scan.firstProblem, checkTokenTree(tokens, read), first && parserProblem(first, source.text, read)];
  const earliest = problems
    .filter((problem): problem is FoundProblem => problem !== undefined)
    .filter((problem) => !second || problem.offset < second.range[0])
    .sort((a, b) => a.offset - b.offset)[0];
  if (earliest) throw earliest.error;
  if (second) throw multipleDocuments(first, second, read);
  const construction = constructDocument(first?.contents ?? null, read, scan.properties, source);
  return new ReadDocument(construction, read);
}

function lex(text: string): string[] {
  return Array.from(new Lexer().lex(text));
}

/** The syntax tree of the stream, from the lexer's tokens (what `Parser.parse` does with a lexer of its own). */
function parseTokens(lexemes: readonly string[]): CST.Token[] {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of lexemes) for (const token of parser.next(lexeme)) tokens.push(token);
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

function tooManyContinuations(offset: number, lines: LineIndex): YamlSyntaxError {
  const reason = 'too many lines continue a flow collection or quoted scalar below their indentation to read; indent them';
  return new YamlSyntaxError({code: 'limit', reason, mark: {range: lines.range([offset, offset])}});
}

/** The `yaml` package's own complaints, less one PyYAML does not share (`"q"#c` is a comment for PyYAML). */
function parserProblem(document: Document.Parsed, text: string, lines: LineIndex): FoundProblem | undefined {
  const error = document.errors.find((candidate) => !candidate.message.startsWith('Comments must be separated'));
  if (!error) return undefined;
  const [offset] = error.pos;
  if (error.message.includes('Maximum call stack size exceeded')) {
    return {offset, error: new YamlSyntaxError({code: 'limit', reason: TOO_DEEP, mark: {range: lines.range([offset, offset + 1])}})};
  }
  if (error.code === 'MULTILINE_IMPLICIT_KEY') return multilineKeyProblem(document, error, text, lines);
  const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {offset, error: new YamlSyntaxError({code: 'syntax', reason, mark: {range: lines.range(error.pos)}})};
}

/**
 * A key running over more than one line. PyYAML notices at the `:` after it:
 * the first key of a mapping was never a key ("mapping values are not allowed
 * here"); a later one, at the mapping's indentation, had to be one.
 */
function multilineKeyProblem(document: Document.Parsed, error: YAMLError, text: string, lines: LineIndex): FoundProblem {
  const [keyStart, keyEnd] = error.pos;
  const colon = keyEnd + /^[ \t]*/.exec(text.slice(keyEnd))![0].length;
  const mark = {range: lines.range([colon, colon + 1])};
  if (!isLaterKeyOfBlockMapping(document, keyStart)) {
    return {offset: colon, error: new YamlSyntaxError({code: 'syntax', reason: 'mapping values are not allowed here', mark})};
  }
  const contextMark = {range: lines.range([keyStart, keyStart])};
  const context = 'while scanning a simple key';
  return {offset: colon, error: new YamlSyntaxError({code: 'syntax', context, contextMark, reason: "could not find expected ':'", mark})};
}

function isLaterKeyOfBlockMapping(document: Document.Parsed, keyStart: number): boolean {
  let later = false;
  visit(document, {
    Map(_key, map) {
      if (map.flow) return undefined;
      const index = map.items.findIndex((pair) => isNode(pair.key) && pair.key.range?.[0] === keyStart);
      if (index < 0) return undefined;
      later = index > 0;
      return visit.BREAK;
    },
  });
  return later;
}

function multipleDocuments(first: Document.Parsed, second: Document.Parsed, lines: LineIndex): YamlSyntaxError {
  const firstStart = first.contents?.range?.[0] ?? first.range[0];
  const secondStart = second.range[0];
  return new YamlSyntaxError({
    code: 'multiple-documents',
    context: 'expected a single document in the stream',
    contextMark: {range: lines.range([firstStart, firstStart])},
    reason: 'but found another document',
    mark: {range: lines.range([secondStart, secondStart + 3])},
  });
}

class ReadDocument implements YamlDocument {
  readonly value: PyValue;
  readonly duplicateKeys: YamlDuplicateKey[];

  constructor(
    private readonly construction: Construction,
    private readonly lines: LineIndex,
  ) {
    this.value = construction.value;
    this.duplicateKeys = construction.duplicateKeys.map((duplicate: DuplicateKey) => ({
      path: duplicate.path,
      key: duplicate.key,
      range: lines.range(duplicate.range),
    }));
  }

  rangeOf(path: YamlPath, part: 'key' | 'value' = 'value'): PositionRange | undefined {
    let current: PyValue = this.value;
    let range: OffsetRange = this.construction.rootRange;
    for (const [index, step] of path.entries()) {
      const positions = current !== null && typeof current === 'object' ? this.construction.entryPositions.get(current) : undefined;
      const position = positions?.get(Array.isArray(current) ? Number(step) : String(step));
      if (!position) break;
      const last = index === path.length - 1;
      range = last && part === 'key' ? position.key : position.value;
      current = Array.isArray(current) ? current[Number(step)] : (current as Record<string, PyValue>)[String(step)];
    }
    return this.lines.valueRange(range);
  }
}
