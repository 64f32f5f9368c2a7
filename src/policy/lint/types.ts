// Lint findings: what is wrong, where (1-based line/column from the YAML
// source) and under which stable rule id.

import type {SourceRange} from '../../source-location.js';

export type {SourcePoint, SourceRange} from '../../source-location.js';

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
