// The JUnit format: one test suite per suite file and one test case per
// policy test case, named after the case (unique within the document); the
// suite's file is its `file` attribute (junit-10.xsd has none on cases), a
// failing case carries one <failure> with where it is written and the
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
      suite = {name: result.case.suite, file, properties: [['file', file]], testCases: []};
      suites.set(file, suite);
    }
    suite.testCases.push(junitCase(result, uniqueName(result, taken, options.cwd), file));
  }
  for (const file of new Set(report.problems.map((problem) => problem.file))) {
    suites.set(`problem ${file}`, problemSuite(report.problems.filter((problem) => problem.file === file), options.cwd));
  }
  return renderJUnitXml({name: 'aigc policy test', time: report.summary.durationMs / 1000, suites: [...suites.values()]});
};

/** A suite file that could not be loaded: one test case with an <error> naming the first problem and listing all of them. */
function problemSuite(problems: TestingFileError[], cwd?: string): JUnitTestSuite {
  const [first] = problems;
  const file = shownPath(first.file, cwd);
  const error = {message: problemLine(first, cwd), type: first.code, details: problems.map((problem) => problemLine(problem, cwd)).join('\n')};
  return {name: file, file, properties: [['file', file]], testCases: [{name: 'load the suite', classname: file, failures: [], error}]};
}

/** Case names are unique per suite file; two suites sharing a name still get distinct `classname name` pairs. */
function uniqueName(result: CaseResult, taken: Set<string>, cwd?: string): string {
  let name = result.case.name;
  if (taken.has(`${result.case.suite}\n${name}`)) name = `${name} (${caseLocation(result, cwd)})`;
  taken.add(`${result.case.suite}\n${name}`);
  return name;
}

function junitCase(result: CaseResult, name: string, file: string): JUnitTestCase {
  const testCase: JUnitTestCase = {name, classname: result.case.suite, time: result.durationMs / 1000, failures: []};
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
