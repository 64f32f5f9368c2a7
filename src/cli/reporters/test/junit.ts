// The JUnit format: one test suite per suite file and one test case per
// policy test case, named after the case (unique within the document), with
// `file` and `line` attributes; a failing case carries one <failure> with the
// expected and actual values, a skipped one a <skipped> with the reason. A
// suite file that could not be loaded is a test case with an <error>.
import type {CaseResult} from '../../../testing/run.js';
import {type JUnitTestCase, type JUnitTestSuite, renderJUnitXml} from '../junit-xml.js';
import {shownPath} from '../paths.js';
import type {TestingFileError} from '../../../testing/errors.js';
import {caseLocation, mismatchDetails, mismatchHeadline, problemLine} from './describe.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const junitReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  const suites = new Map<string, JUnitTestSuite>();
  const taken = new Set<string>();
  for (const result of report.summary.results) {
    const file = shownPath(result.case.file, options.cwd);
    let suite = suites.get(file);
    if (!suite) {
      suite = {name: result.case.suite, properties: [['file', file]], testCases: []};
      suites.set(file, suite);
    }
    suite.testCases.push(junitCase(result, uniqueName(result, taken, options.cwd), file));
  }
  for (const problem of report.problems) suites.set(`problem ${problem.file}`, problemSuite(problem, options.cwd));
  return renderJUnitXml({name: 'aigc policy test', time: report.summary.durationMs / 1000, suites: [...suites.values()]});
};

function problemSuite(problem: TestingFileError, cwd?: string): JUnitTestSuite {
  const file = shownPath(problem.file, cwd);
  const error = {message: problemLine(problem, cwd), type: problem.code, details: problemLine(problem, cwd)};
  return {name: file, properties: [['file', file]], testCases: [{name: 'load the suite', classname: file, file, line: problem.line, failures: [], error}]};
}

/** Case names are unique per suite file; two suites sharing a name still get distinct `classname name` pairs. */
function uniqueName(result: CaseResult, taken: Set<string>, cwd?: string): string {
  let name = result.case.name;
  if (taken.has(`${result.case.suite}\n${name}`)) name = `${name} (${caseLocation(result, cwd)})`;
  taken.add(`${result.case.suite}\n${name}`);
  return name;
}

function junitCase(result: CaseResult, name: string, file: string): JUnitTestCase {
  const testCase: JUnitTestCase = {name, classname: result.case.suite, file, line: result.case.line, time: result.durationMs / 1000, failures: []};
  if (result.status === 'skipped') testCase.skipped = result.skipReason ?? 'skipped';
  if (result.status === 'failed') {
    testCase.failures.push({
      message: mismatchHeadline(result.mismatches),
      type: result.mismatches[0]?.field ?? 'mismatch',
      details: [`at ${file}:${result.case.line}`, ...mismatchDetails(result, '  ')].join('\n'),
    });
  }
  return testCase;
}
