// The GitHub Actions format: the plain lines for the log, and for every
// failing case an `::error file=…,line=…,title=…::` workflow command, which
// the runner shows as an annotation on the suite file in the pull request.
import {escapeData, escapeProperty} from '../lint/github.js';
import {shownPath} from '../paths.js';
import {caseTitle, closingLine, mismatchHeadline, mismatchTable} from './describe.js';
import {textReporter} from './text.js';
import type {TestReport, TestReporter, TestReporterOptions} from './types.js';

export const githubReporter: TestReporter = (report: TestReport, options: TestReporterOptions): string => {
  const log = textReporter(report, {...options, color: false}).split('\n').slice(0, -2);
  const annotations = report.summary.results
    .filter((result) => result.status === 'failed')
    .map((result) => {
      const file = escapeProperty(shownPath(result.case.file, options.cwd));
      const title = escapeProperty(caseTitle(result));
      const message = [mismatchHeadline(result.mismatches), ...mismatchTable(result.mismatches, '')].join('\n');
      return `::error file=${file},line=${result.case.line},title=${title}::${escapeData(message)}`;
    });
  return `${[...log, ...annotations, closingLine(report.summary)].join('\n')}\n`;
};
