// Lint findings: what is wrong, where (1-based line/column from the YAML
// source) and under which stable rule id.

/** A position in a policy file; line and column are 1-based, columns in code points (as PyYAML's marks count them). */
export interface SourcePoint {
  line: number;
  column: number;
}

/** `start` is the first character, `end` the position just after the last (exclusive, as in SARIF). */
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
  /** Absent for a finding about the whole file; reporters then point at 1:1 (JSON gives `null`). */
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
