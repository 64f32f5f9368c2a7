// The one error a YAML read can end with. It keeps PyYAML's split into an
// optional context line and a problem line, each with a source mark, so the
// policy loader can print `str(err)` the way the reference does.

import type {PositionRange} from './positions.js';

export type YamlErrorCode =
  /** a character PyYAML's reader refuses (control characters, lone surrogates) */
  | 'unacceptable-character'
  /** tokenizing or parsing failed (tabs as indentation included) */
  | 'syntax'
  /** more than one document in the stream */
  | 'multiple-documents'
  /** undefined or duplicate anchors */
  | 'anchor'
  /** a tag safe_load has no constructor for (`!foo`, `!!python/object`) */
  | 'unknown-tag'
  /** a node of the wrong kind for its tag, an unhashable key, a bad merge */
  | 'constructor'
  /** a scalar its tag cannot represent (`2020-13-45`, `!!int abc`); PyYAML raises a bare ValueError */
  | 'invalid-value'
  /** a value with no equivalent in the value model (`!!binary`, `!!set`), or text the `yaml` package cannot be made to read as PyYAML does */
  | 'unsupported'
  /** a safety limit of ours: alias expansion, nesting depth, recursive aliases */
  | 'limit';

export interface YamlErrorMark {
  range: PositionRange;
  /** PyYAML's reader reports a code point index instead of line and column */
  codePointIndex?: number;
}

export interface YamlErrorInit {
  code: YamlErrorCode;
  reason: string;
  mark?: YamlErrorMark;
  context?: string;
  contextMark?: YamlErrorMark;
}

export class YamlSyntaxError extends Error {
  readonly code: YamlErrorCode;
  /** PyYAML's problem text, e.g. "could not determine a constructor for the tag '!foo'" */
  readonly reason: string;
  /** where the problem is */
  readonly range?: PositionRange;
  /** PyYAML's context line, e.g. "while scanning for the next token" */
  readonly context?: string;
  readonly contextRange?: PositionRange;
  private readonly mark?: YamlErrorMark;
  private readonly contextMark?: YamlErrorMark;

  constructor(init: YamlErrorInit) {
    super(init.context ? `${init.context}\n${init.reason}` : init.reason);
    this.name = 'YamlSyntaxError';
    this.code = init.code;
    this.reason = init.reason;
    this.range = init.mark?.range;
    this.context = init.context;
    this.contextRange = init.contextMark?.range;
    this.mark = init.mark;
    this.contextMark = init.contextMark;
  }

  /** The text PyYAML's `str(err)` gives for a file stream named `streamName` (no snippets). */
  pyYamlText(streamName: string): string {
    if (this.code === 'unacceptable-character') {
      return `${this.reason}\n  in "${streamName}", position ${this.mark?.codePointIndex ?? 0}`;
    }
    const lines: string[] = [];
    if (this.context) lines.push(this.context);
    if (this.contextMark && !(this.mark && samePosition(this.contextMark.range, this.mark.range))) {
      lines.push(markText(streamName, this.contextMark.range));
    }
    lines.push(this.reason);
    if (this.mark) lines.push(markText(streamName, this.mark.range));
    return lines.join('\n');
  }
}

function samePosition(a: PositionRange, b: PositionRange): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column;
}

function markText(streamName: string, range: PositionRange): string {
  return `  in "${streamName}", line ${range.start.line}, column ${range.start.column}`;
}
