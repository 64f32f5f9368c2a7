// The JUnit format, for CI systems that show test results: one test suite per
// policy file and, in it, one test case per rule that checked it. A rule with
// errors in the file fails with one <failure> listing them; warnings never fail
// and appear as the case's system-out. A clean file thus shows every rule as a
// passing test; a file that could not be read as a policy (missing, not YAML,
// not a mapping) only the rules that check any file, and a suite its own rule:
// the policy rules that never ran on it are left out, never counted as passed.
import {displayPath} from '../paths.js';
import {type JUnitFailure, type JUnitTestCase, type JUnitTestSuite, renderJUnitXml} from '../junit-xml.js';
import {countOf, rulesOf, startOf} from './findings.js';
import type {LintFileResult, LintFinding, LintReport, LintReporter, LintRule, ReporterOptions} from './types.js';

export const junitReporter: LintReporter = (report: LintReport, options: ReporterOptions): string => {
  const rules = rulesOf(report);
  return renderJUnitXml({
    name: 'aigc policy lint',
    suites: report.files.map((file) => fileSuite(file, rules, options.cwd)),
  });
};

function fileSuite(file: LintFileResult, rules: LintRule[], cwd?: string): JUnitTestSuite {
  const path = displayPath(file.file, cwd);
  const ran = (rule: LintRule) => file.checkedBy!.includes(rule.id) || file.findings.some((finding) => finding.ruleId === rule.id);
  const checked = file.checkedBy === undefined ? rules : rules.filter(ran);
  const testCases =
    checked.length > 0
      ? checked.map((rule) => ruleCase(path, rule.id, file.findings.filter((finding) => finding.ruleId === rule.id), cwd))
      : [ruleCase(path, 'policy lint', [], cwd)];
  return {name: path, file: path, testCases};
}

function ruleCase(path: string, ruleId: string, findings: LintFinding[], cwd?: string): JUnitTestCase {
  const errors = findings.filter((finding) => finding.severity === 'error');
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  const failures: JUnitFailure[] =
    errors.length === 0
      ? []
      : [
          {
            message: errors.length === 1 ? errors[0].message : `${countOf(errors.length, 'error')} of rule ${ruleId}`,
            type: ruleId,
            details: errors.map((finding) => findingLine(finding, cwd)).join('\n'),
          },
        ];
  return {
    name: ruleId,
    classname: path,
    failures,
    systemOut: warnings.map((finding) => findingLine(finding, cwd)).join('\n'),
  };
}

function findingLine(finding: LintFinding, cwd?: string): string {
  const start = startOf(finding);
  return `${displayPath(finding.file, cwd)}:${start.line}:${start.column} ${finding.severity} ${finding.message}`;
}
