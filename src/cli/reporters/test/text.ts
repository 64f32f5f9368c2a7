// The plain format (default when stdout is not a terminal): one line per case with a mark; under a failing case,
// its `file:line` and the expected and actual values side by side (and, for a
// case expected to pass, the gate and reason it failed with); then the
// closing line `N passed, N failed[, N skipped]`.
import {Chalk, type ChalkInstance} from 'chalk';
import type {CaseResult} from '../../../testing/run.js';
import {caseLocation, caseTitle, closingLine, mismatchDetails} from './describe.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const textReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  // Suites that could not be loaded are told on stderr, and counted in the closing line.
  const paint = new Chalk({level: options.color ? 1 : 0});
  // Quiet: only what failed, then the closing line.
  const listed = options.verbosity === 'quiet' ? report.summary.results.filter((result) => result.status === 'failed') : report.summary.results;
  const lines = listed.flatMap((result) => caseLines(result, paint, options.cwd));
  if (report.summary.bailed) lines.push(paint.yellow('stopped after the first failing case (--bail)'));
  lines.push(paint.bold(closingLine(report.summary, report.problems)));
  return `${lines.join('\n')}\n`;
};

function caseLines(result: CaseResult, paint: ChalkInstance, cwd?: string): string[] {
  const title = caseTitle(result);
  if (result.status === 'passed') return [`${paint.green('ok  ')}  ${title}`];
  if (result.status === 'skipped') return [`${paint.yellow('skip')}  ${title}${paint.dim(` # ${result.skipReason}`)}`];
  return [`${paint.red('FAIL')}  ${title}  ${paint.dim(caseLocation(result, cwd))}`, ...mismatchDetails(result, '        ')];
}
