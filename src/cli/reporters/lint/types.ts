// What `aigc policy lint` hands to its reporters: the findings per file, the
// rules that ran and the counts. Every reporter is `(report, options) => string`.

import type {ReporterOptions} from '../registry.js';
import type {LintFileResult, LintRule} from '../../../policy/lint/types.js';

// Findings, rules and file results are the lint engine's own types.
export type {LintFileResult, LintFinding, LintRule, LintSeverity, SourcePoint, SourceRange} from '../../../policy/lint/types.js';

export interface LintReport {
  /** Every file checked, clean ones included, in the order they were checked. */
  files: LintFileResult[];
  errorCount: number;
  warningCount: number;
  /** The rules that ran, each at the severity it ran with. */
  rules: LintRule[];
  /** What a folder walk or glob found and did not check, and why (not a policy). */
  skipped?: {file: string; reason: string}[];
  toolVersion: string;
}

export type LintReporter = (report: LintReport, options: ReporterOptions) => string;

export type {ReporterOptions};
