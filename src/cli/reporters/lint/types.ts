// What `aigc policy lint` hands to its reporters: the findings per file, the
// rules that ran and the counts. Every reporter is `(report, options) => string`.

/** A position in a policy file; line and column are 1-based, columns in UTF-16 code units. */
export interface SourcePoint {
  line: number;
  column: number;
}

/** A range in a policy file: `start` is the first character, `end` the position just after the last (exclusive, as in SARIF). */
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

export interface LintReport {
  /** Every file checked, clean ones included, in the order they were checked. */
  files: LintFileResult[];
  errorCount: number;
  warningCount: number;
  /** The rules that ran. */
  rules: LintRule[];
  toolVersion: string;
}

export interface ReporterOptions {
  /** Colour the output (only the human formats use it; the caller decides, see `src/cli/color.ts`). */
  color: boolean;
  /** Paths are shown relative to this folder when given (SARIF URIs, annotations). */
  cwd?: string;
}

export type LintReporter = (report: LintReport, options: ReporterOptions) => string;
