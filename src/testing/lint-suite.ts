// A policy test suite checked by `aigc policy lint`, which finds suites beside
// policies: every problem `aigc policy test` would refuse it for, as findings
// of the rule suite-invalid (or file-unreadable when it cannot be read).

import {fileUnreadable} from '../policy/lint/rules/file-unreadable.js';
import {suiteInvalid} from '../policy/lint/rules/suite-invalid.js';
import type {LintFileResult, LintFinding, LintOptions} from '../policy/lint/types.js';
import {checkSuiteFile} from './suite.js';

export function lintSuiteFile(file: string, options: Pick<LintOptions, 'cwd' | 'ruleSettings'>): LintFileResult {
  const setting = options.ruleSettings?.[suiteInvalid.id];
  if (setting === 'off') return {file, checkedBy: [], findings: []};
  const {problems} = checkSuiteFile(file, {cwd: options.cwd});
  const findings: LintFinding[] = problems.map((problem) => {
    const unreadable = problem.code === 'UNREADABLE';
    const {line, column, end} = problem.sourceLocation;
    const finding: LintFinding = {
      ruleId: unreadable ? fileUnreadable.id : suiteInvalid.id,
      severity: unreadable ? fileUnreadable.severity : (setting ?? suiteInvalid.severity),
      message: problem.message,
      file,
    };
    if (line !== undefined && column !== undefined) finding.range = {start: {line, column}, end: end ?? {line, column}};
    return finding;
  });
  return {file, checkedBy: [fileUnreadable.id, suiteInvalid.id], findings};
}
