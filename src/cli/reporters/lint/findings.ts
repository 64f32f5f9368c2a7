// Small readings of a lint report that several reporters share.
import type {LintFinding, LintReport, LintRule, SourcePoint} from './types.js';

const FILE_START: SourcePoint = {line: 1, column: 1};

/** Where a finding starts; a whole-file finding starts at 1:1. */
export function startOf(finding: LintFinding): SourcePoint {
  return finding.range?.start ?? FILE_START;
}

/** Every finding of the report, file by file, in report order. */
export function allFindings(report: LintReport): LintFinding[] {
  return report.files.flatMap((file) => file.findings);
}

/** The rules that ran, followed by any rule a finding names that the list lacks (first seen first). */
export function rulesOf(report: LintReport): LintRule[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((rule) => rule.id));
  for (const finding of allFindings(report)) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    rules.push({id: finding.ruleId, severity: finding.severity, description: finding.ruleId});
  }
  return rules;
}

/** `1 error`, `2 errors`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
