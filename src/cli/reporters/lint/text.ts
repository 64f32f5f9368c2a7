// The plain format (default when stdout is not a terminal): exactly one line per
// finding, `file:line:col severity rule message`, and nothing else, so every
// stdout line is a finding (`wc -l`, grep, editors' error parsers). A clean run
// prints nothing; the exit code and the stderr summary tell the rest.
import {displayPath} from '../paths.js';
import {allFindings, startOf} from './findings.js';
import type {LintFinding, LintReport, LintReporter, ReporterOptions} from './types.js';

export const textReporter: LintReporter = (report: LintReport, options: ReporterOptions): string =>
  allFindings(report)
    .map((finding) => `${findingLine(finding, options.cwd)}\n`)
    .join('');

function findingLine(finding: LintFinding, cwd?: string): string {
  const start = startOf(finding);
  // A multi-line message would break the one-line-per-finding promise.
  const message = finding.message.replace(/\s*\r?\n\s*/g, ' ');
  return `${displayPath(finding.file, cwd)}:${start.line}:${start.column} ${finding.severity} ${finding.ruleId} ${message}`;
}
