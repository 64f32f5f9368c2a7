// Where a problem is in a file: the one location shape that every error and
// finding pointing into a file carries, and its one text form
// (`file:line:column`), as OPA's `ast.Location` and Cedar's `Loc` are.

/**
 * A place in a text. Line and column are 1-based; columns count characters as
 * PyYAML's marks count them (code points, a byte order mark included), so
 * they agree with the reference's messages.
 */
export interface SourcePoint {
  line: number;
  column: number;
}

/** A stretch of text: `start` is its first character, `end` the place just after its last (exclusive, as in SARIF). */
export interface SourceRange {
  start: SourcePoint;
  end: SourcePoint;
}

/** Where an error points: a file and, as far as known, the line, the column and the place just after the problem. */
export interface SourceLocation {
  /** The path as the user gave it or as a walk found it (never made absolute behind their back). */
  file: string;
  line?: number;
  /** Only with a line. */
  column?: number;
  /** Only with a line and column. */
  end?: SourcePoint;
}

/** `file`, `file:line` or `file:line:column`, as far as known. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return location.column === undefined ? `${location.file}:${location.line}` : `${location.file}:${location.line}:${location.column}`;
}

/** The location of `range` (or of the whole file) in `file`. */
export function locationIn(file: string, range?: SourceRange): SourceLocation {
  if (!range) return {file};
  return {file, line: range.start.line, column: range.start.column, end: {line: range.end.line, column: range.end.column}};
}

/** A range with nothing but its lines and columns (a YAML position also carries a string offset, which is no one else's business). */
export function plainRange(range: SourceRange | undefined): SourceRange | undefined {
  if (!range) return undefined;
  return {start: {line: range.start.line, column: range.start.column}, end: {line: range.end.line, column: range.end.column}};
}
