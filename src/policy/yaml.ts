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
// rules. On purpose we differ where PyYAML would hang, crash or build values
// the model cannot hold: alias bombs, nesting beyond 1000 levels and recursive
// aliases are errors, as are `!!binary` and `!!set`; `!!omap`/`!!pairs` give
// lists of `[key, value]` lists (Python gives tuples). Where the `yaml` package
// reads a stream differently from PyYAML in a way we cannot correct (an anchor
// name running into `:`), we refuse rather than give a different value.

import {type CST, Composer, type Document, Lexer, Parser, type YAMLError} from 'yaml';
import type {PyValue} from '../python/values.js';
import {
  type Construction,
  constructDocument,
  type DuplicateKey,
  MAX_NESTING_DEPTH,
  type YamlPath,
} from './yaml/construct.js';
import {YamlSyntaxError} from './yaml/errors.js';
import {checkPrintable, checkTokenTree, type FoundProblem, nestingError, scanTokens} from './yaml/lexical.js';
import {LineIndex, type OffsetRange, type SourceRange} from './yaml/positions.js';
import {readSimpleYaml} from './yaml/simple.js';

export {MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, type YamlPath} from './yaml/construct.js';
export {type YamlErrorCode, YamlSyntaxError} from './yaml/errors.js';
export type {SourcePosition, SourceRange} from './yaml/positions.js';

export interface YamlDuplicateKey {
  /** path of the mapping that repeats the key */
  path: YamlPath;
  key: string;
  /** where the repeated (winning) key is written */
  range: SourceRange;
}

export interface YamlDocument {
  value: PyValue;
  rangeOf(path: YamlPath, part?: 'key' | 'value'): SourceRange | undefined;
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
   * large documents such as test suites. It gives the same values and
   * positions, and leaves every other document to the full reader.
   */
  simpleFirst?: boolean;
}

export function readYaml(text: string, options: ReadYamlOptions = {}): YamlDocument {
  const lines = new LineIndex(text);
  try {
    if (options.simpleFirst) {
      checkPrintable(text, lines);
      const simple = readSimpleYaml(text);
      if (simple) return new ReadDocument(simple, lines);
    }
    return readChecked(text, lines);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new YamlSyntaxError({code: 'limit', reason: 'the document is nested too deeply to read'});
    }
    throw error;
  }
}

function readChecked(text: string, lines: LineIndex): YamlDocument {
  checkPrintable(text, lines);
  // One pass of the lexer and one of the parser serve our checks and the composer alike.
  const lexemes = Array.from(new Lexer().lex(text));
  const scan = scanTokens(lexemes, lines, MAX_NESTING_DEPTH);
  const tokens = parseTokens(lexemes);
  const treeProblem = checkTokenTree(tokens, lines);
  const documents = Array.from(new Composer(PARSE_OPTIONS).compose(tokens));
  const first = documents[0];
  const second = documents[1];
  // PyYAML stops at the first problem in the stream, and at the start of a second document.
  const problems = [scan.firstProblem, treeProblem, first && parserProblem(first.errors, lines)];
  const earliest = problems
    .filter((problem): problem is FoundProblem => problem !== undefined)
    .filter((problem) => !second || problem.offset < second.range[0])
    .sort((a, b) => a.offset - b.offset)[0];
  if (earliest) throw earliest.error;
  if (second) throw multipleDocuments(first, second, lines);
  const construction = constructDocument(first?.contents ?? null, lines, scan.properties);
  return new ReadDocument(construction, lines);
}

/** The syntax tree of the stream, from the lexer's tokens (what `Parser.parse` does with a lexer of its own). */
function parseTokens(lexemes: readonly string[]): CST.Token[] {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of lexemes) for (const token of parser.next(lexeme)) tokens.push(token);
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/** The `yaml` package's own complaints, less one PyYAML does not share (`"q"#c` is a comment for PyYAML). */
function parserProblem(errors: YAMLError[], lines: LineIndex): FoundProblem | undefined {
  const error = errors.find((candidate) => !candidate.message.startsWith('Comments must be separated'));
  if (!error) return undefined;
  const [offset] = error.pos;
  if (error.message.includes('Maximum call stack size exceeded')) {
    return {offset, error: nestingError(offset, lines, MAX_NESTING_DEPTH)};
  }
  const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {offset, error: new YamlSyntaxError({code: 'syntax', reason, mark: {range: lines.range(error.pos)}})};
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

  rangeOf(path: YamlPath, part: 'key' | 'value' = 'value'): SourceRange | undefined {
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
    return this.lines.range(range);
  }
}
