// The JSON format: a stable, versioned document for programs. Its shape is
// `LintJsonReport` below; fields are only ever added, and `formatVersion`
// changes if one is ever removed or changes meaning.
import {displayPath} from '../paths.js';
import type {LintFinding, LintReport, LintReporter, LintSeverity, ReporterOptions, SourceRange} from './types.js';

export const LINT_JSON_FORMAT_VERSION = 1;

/** The whole document. */
export interface LintJsonReport {
  formatVersion: typeof LINT_JSON_FORMAT_VERSION;
  tool: {name: 'aigc'; version: string};
  /** Number of files checked, clean ones included. */
  fileCount: number;
  errorCount: number;
  warningCount: number;
  /** Findings suppressed by `aigc-lint-ignore` comments (counted in neither of the above). */
  suppressedCount: number;
  /** Every file checked, in the order checked. */
  files: LintJsonFile[];
  /** Files a folder walk or glob found and did not check: YAML that is not a policy, as the file tells or the project config's globs say. */
  skipped: {file: string; reason: string}[];
}

export interface LintJsonFile {
  /** The path as given, relative to the working folder when below it, `/`-separated. */
  file: string;
  errorCount: number;
  warningCount: number;
  findings: LintJsonFinding[];
  /** Findings an `aigc-lint-ignore` comment suppressed, each with the comment's reason. */
  suppressed: (LintJsonFinding & {justification: string})[];
}

export interface LintJsonFinding {
  ruleId: string;
  severity: LintSeverity;
  message: string;
  /** 1-based; `end` is exclusive. `null` for a finding about the whole file. */
  range: SourceRange | null;
}

export const jsonReporter: LintReporter = (report: LintReport, options: ReporterOptions): string =>
  `${JSON.stringify(lintJsonReport(report, options), null, 2)}\n`;

/** The document the JSON format prints. */
export function lintJsonReport(report: LintReport, options: Pick<ReporterOptions, 'cwd'>): LintJsonReport {
  const jsonFinding = (finding: LintFinding): LintJsonFinding => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: finding.range
      ? {start: {line: finding.range.start.line, column: finding.range.start.column}, end: {line: finding.range.end.line, column: finding.range.end.column}}
      : null,
  });
  return {
    formatVersion: LINT_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: report.toolVersion},
    fileCount: report.files.length,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    suppressedCount: report.files.reduce((sum, file) => sum + (file.suppressed?.length ?? 0), 0),
    files: report.files.map((file) => ({
      file: displayPath(file.file, options.cwd),
      errorCount: file.findings.filter((finding) => finding.severity === 'error').length,
      warningCount: file.findings.filter((finding) => finding.severity === 'warning').length,
      findings: file.findings.map(jsonFinding),
      suppressed: (file.suppressed ?? []).map((finding) => ({...jsonFinding(finding), justification: finding.justification})),
    })),
    skipped: (report.skipped ?? []).map((entry) => ({file: displayPath(entry.file, options.cwd), reason: entry.reason})),
  };
}
