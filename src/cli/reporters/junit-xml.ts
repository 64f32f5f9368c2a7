// Writing JUnit XML, the report format CI systems read for test results, from a
// plain description of suites and cases. Shared by the lint and test reporters;
// it counts tests, failures and skips itself so the attributes always agree.
// The document is valid under the Jenkins xUnit plugin's junit-10.xsd, the
// strictest of the readers: no attribute it does not declare (so `skipped` is
// counted per suite only, and a suite's file is on <testsuite>, not on cases).
import {create} from 'xmlbuilder2';

type XMLBuilder = ReturnType<typeof create>;

export interface JUnitFailure {
  /** One line shown as the failure's headline (newlines are folded into spaces). */
  message: string;
  /** The kind of failure, such as a rule id or an error class. */
  type: string;
  /** The full details, kept verbatim as the element's text. */
  details?: string;
}

export interface JUnitTestCase {
  name: string;
  classname: string;
  /** Seconds. */
  time?: number;
  /** Empty for a passing case. */
  failures: JUnitFailure[];
  /** Set when the case could not be run at all (an `<error>`, counted in `errors`). */
  error?: JUnitFailure;
  /** Set for a skipped case; the text says why. */
  skipped?: string;
  systemOut?: string;
  systemErr?: string;
}

export interface JUnitTestSuite {
  name: string;
  /** The file the suite's cases are written in (the `file` attribute). */
  file?: string;
  /** Seconds. */
  time?: number;
  /** ISO-8601 start time. */
  timestamp?: string;
  /** Shown as `<properties>`, in the given order. */
  properties?: ReadonlyArray<readonly [string, string]>;
  testCases: JUnitTestCase[];
}

export interface JUnitDocument {
  name: string;
  /** Seconds. */
  time?: number;
  suites: JUnitTestSuite[];
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** The document as UTF-8 XML text, two-space indented, ending with a newline. */
export function renderJUnitXml(document: JUnitDocument): string {
  // Characters XML cannot carry (most control characters) become U+FFFD rather than breaking the file.
  const root = create({version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD'});
  const totals = sumCounts(document.suites.map(countSuite));
  const {skipped: _perSuiteOnly, ...suitesTotals} = countAttributes(totals);
  const suitesElement = root.ele('testsuites', {name: attribute(document.name), ...suitesTotals, ...timeAttribute(document.time)});
  for (const suite of document.suites) appendSuite(suitesElement, suite);
  return `${root.end({prettyPrint: true})}\n`;
}

function appendSuite(parent: XMLBuilder, suite: JUnitTestSuite): void {
  const element = parent.ele('testsuite', {
    name: attribute(suite.name),
    ...countAttributes(countSuite(suite)),
    ...timeAttribute(suite.time),
    ...(suite.timestamp === undefined ? {} : {timestamp: suite.timestamp}),
    ...(suite.file === undefined ? {} : {file: attribute(suite.file)}),
  });
  if (suite.properties !== undefined && suite.properties.length > 0) {
    const properties = element.ele('properties');
    for (const [name, value] of suite.properties) properties.ele('property', {name: attribute(name), value: attribute(value)});
  }
  for (const testCase of suite.testCases) appendTestCase(element, testCase);
}

function appendTestCase(parent: XMLBuilder, testCase: JUnitTestCase): void {
  const element = parent.ele('testcase', {
    name: attribute(testCase.name),
    classname: attribute(testCase.classname),
    ...timeAttribute(testCase.time),
  });
  if (testCase.skipped !== undefined) element.ele('skipped', {message: attribute(testCase.skipped)});
  for (const failure of testCase.failures) appendFailure(element, 'failure', failure);
  if (testCase.error !== undefined) appendFailure(element, 'error', testCase.error);
  if (testCase.systemOut !== undefined && testCase.systemOut !== '') element.ele('system-out').txt(testCase.systemOut);
  if (testCase.systemErr !== undefined && testCase.systemErr !== '') element.ele('system-err').txt(testCase.systemErr);
}

function appendFailure(parent: XMLBuilder, name: 'failure' | 'error', failure: JUnitFailure): void {
  const element = parent.ele(name, {message: attribute(failure.message), type: attribute(failure.type)});
  if (failure.details !== undefined && failure.details !== '') element.txt(failure.details);
}

function countSuite(suite: JUnitTestSuite): Counts {
  return {
    tests: suite.testCases.length,
    failures: suite.testCases.filter((testCase) => testCase.failures.length > 0).length,
    errors: suite.testCases.filter((testCase) => testCase.error !== undefined).length,
    skipped: suite.testCases.filter((testCase) => testCase.skipped !== undefined).length,
  };
}

function sumCounts(counts: Counts[]): Counts {
  return counts.reduce(
    (sum, count) => ({
      tests: sum.tests + count.tests,
      failures: sum.failures + count.failures,
      errors: sum.errors + count.errors,
      skipped: sum.skipped + count.skipped,
    }),
    {tests: 0, failures: 0, errors: 0, skipped: 0},
  );
}

function countAttributes(counts: Counts): Record<string, string> {
  return {
    tests: String(counts.tests),
    failures: String(counts.failures),
    errors: String(counts.errors),
    skipped: String(counts.skipped),
  };
}

function timeAttribute(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : {time: seconds.toFixed(3)};
}

/** Attribute values are one line: XML parsers fold raw newlines and tabs in attributes into spaces anyway. */
function attribute(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('\t', ' ');
}
