// The JSON format: a stable, versioned document for programs. Its shape is
// `LintJsonReport` below; fields are only ever added, and `formatVersion`
// changes if one is ever removed or changes meaning.
import {displayPath} from '../paths.js';
import type {LintReport, LintReporter, LintSeverity, ReporterOptions, SourceRange} from './types.js';

export const LINT_JSON_FORMAT_VERSION = 1;

/** The whole document. */
export interface LintJsonReport {
  formatVersion: typeof LINT_JSON_FORMAT_VERSION;
  tool: {name: 'aigc'; version: string};
  /** Number of files checked, clean ones included. */
  fileCount: number;
  errorCount: number;
  warningCount: number;
  /** Every file checked, in the order checked. */
  files: LintJsonFile[];
}

export interface LintJsonFile {
  /** The path as given, relative to the working folder when below it, `/`-separated. */
  file: string;
  errorCount: number;
  warningCount: number;
  findings: LintJsonFinding[];
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
  return {
    formatVersion: LINT_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: report.toolVersion},
    fileCount: report.files.length,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    files: report.files.map((file) => ({
      file: displayPath(file.file, options.cwd),
      errorCount: file.findings.filter((finding) => finding.severity === 'error').length,
      warningCount: file.findings.filter((finding) => finding.severity === 'warning').length,
      findings: file.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        range: finding.range
          ? {
              start: {line: finding.range.start.line, column: finding.range.start.column},
              end: {line: finding.range.end.line, column: finding.range.end.column},
            }
          : null,
      })),
    })),
  };
}
