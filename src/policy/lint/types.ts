// Lint findings: what is wrong, where (1-based line/column from the YAML
// source) and under which stable rule id.

export interface SourcePoint {
  line: number;
  column: number;
}

/** `start` is the first character, `end` the position just after the last (exclusive). */
export interface SourceRange {
  start: SourcePoint;
  end: SourcePoint;
}

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  ruleId: string;
  severity: LintSeverity;
  message: string;
  file: string;
  /** Absent for a finding about the whole file. */
  range?: SourceRange;
}

export interface LintRule {
  id: string;
  severity: LintSeverity;
  description: string;
}

export interface LintFileResult {
  file: string;
  findings: LintFinding[];
  /** The file's text, for code frames, when it could be read. */
  source?: string;
}
