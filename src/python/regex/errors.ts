// The error of a pattern Python's `re.compile` rejects (or that the
// translation cannot express), worded as Python's `re.error` prints itself.

export type PythonRegexErrorCode = 'PYTHON_REGEX_INVALID' | 'PYTHON_REGEX_UNSUPPORTED';

/** A pattern Python's `re.compile` rejects, or one this translator cannot express. */
export class PythonRegexError extends Error {
  override name = 'PythonRegexError';
  /** 1-based line and column of `position`, as `re.error` has them (undefined without a position). */
  readonly line?: number;
  readonly column?: number;

  constructor(
    /** Python's message without the location (`missing ), unterminated subpattern`). */
    readonly reason: string,
    readonly code: PythonRegexErrorCode,
    readonly pattern: string,
    /** index in code points, as Python reports it; -1 where Python gives none */
    readonly position: number,
  ) {
    const location = position >= 0 ? lineAndColumn(pattern, position) : undefined;
    super(location ? `${reason} at position ${position}${location.suffix}` : reason);
    this.line = location?.line;
    this.column = location?.column;
  }
}

/** `re.error`: a pattern with a newline names the line and column too. */
function lineAndColumn(pattern: string, position: number): {line: number; column: number; suffix: string} {
  const before = Array.from(pattern).slice(0, position);
  const lastNewline = before.lastIndexOf('\n');
  const line = before.filter((char) => char === '\n').length + 1;
  const column = position - lastNewline;
  return {line, column, suffix: pattern.includes('\n') ? ` (line ${line}, column ${column})` : ''};
}
