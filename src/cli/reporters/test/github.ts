// The GitHub Actions format: the plain lines for the log, and for every
// failing case an `::error file=…,line=…,title=…::` workflow command, which
// the runner shows as an annotation on the suite file in the pull request.
// A suite that could not be loaded is annotated the same way, at each problem.
import {escapeData, escapeProperty} from '../lint/github.js';
import {shownPath} from '../paths.js';
import type {TestingFileError} from '../../../testing/errors.js';
import {caseTitle, closingLine, mismatchDetails, mismatchHeadline} from './describe.js';
import {textReporter} from './text.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const githubReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  const problems = report.problems.map((problem) => problemAnnotation(problem, options.cwd));
  const log = textReporter(report, {...options, color: false}).split('\n').slice(0, -2);
  const annotations = report.summary.results
    .filter((result) => result.status === 'failed')
    .map((result) => {
      const file = escapeProperty(shownPath(result.case.file, options.cwd));
      const title = escapeProperty(caseTitle(result));
      const message = [mismatchHeadline(result.mismatches), ...mismatchDetails(result, '')].join('\n');
      return `::error file=${file},line=${result.case.line},title=${title}::${escapeData(message)}`;
    });
  return `${[...log, ...problems, ...annotations, closingLine(report.summary, report.problems)].join('\n')}\n`;
};

function problemAnnotation(problem: TestingFileError, cwd?: string): string {
  const properties: [string, string | number][] = [['file', shownPath(problem.file, cwd)]];
  if (problem.line !== undefined) properties.push(['line', problem.line]);
  if (problem.column !== undefined) properties.push(['col', problem.column]);
  properties.push(['title', 'suite could not be loaded']);
  const rendered = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::error ${rendered}::${escapeData(problem.message)}`;
}
