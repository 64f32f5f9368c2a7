// The human format, failures first: a line per failing case (✗) with its
// `file:line` and the expected and actual values side by side, a line per
// skipped one (○); passing cases are counted, and listed (✓) only when
// verbose; quiet leaves out the skipped ones too. Then a recap of every
// failure and the closing line with the time taken. On a terminal outside CI
// the live view (src/cli/ui/test-view.tsx) prints the same lines as cases finish.
import {Chalk, type ChalkInstance} from 'chalk';
import type {TestingFileError} from '../../../testing/errors.js';
import type {CaseResult, RunSummary} from '../../../testing/run.js';
import {caseLocation, caseTitle, closingLine, mismatchDetails} from './describe.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const prettyReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  // Suites that could not be loaded are told on stderr, and counted in the closing line.
  const paint = new Chalk({level: options.color ? 1 : 0});
  const lines = report.summary.results.flatMap((result) => prettyCaseLines(result, paint, options));
  return `${[...lines, ...prettyFooter(report.summary, paint, report.problems, options.cwd)].join('\n')}\n`;
};

/** The lines for one finished case (none for a passing one unless verbose, nor for a skipped one when quiet). */
export function prettyCaseLines(result: CaseResult, paint: ChalkInstance, options: Pick<ReporterOptions, 'cwd' | 'verbosity'>): string[] {
  const {cwd, verbosity = 'normal'} = options;
  const title = caseTitle(result);
  if (result.status === 'passed') return verbosity === 'verbose' ? [`${paint.green('✓')} ${title}`] : [];
  if (result.status === 'skipped') return verbosity === 'quiet' ? [] : [`${paint.yellow('○')} ${paint.dim(`${title} (skipped: ${result.skipReason})`)}`];
  return [`${paint.red('✗')} ${title}  ${paint.dim(caseLocation(result, cwd))}`, ...mismatchDetails(result, '    ').map((line, index) => (index === 0 ? paint.dim(line) : line))];
}

/** The closing lines: a recap of the failures, a note when `--bail` stopped the run, then the counts and the time. */
export function prettyFooter(summary: RunSummary, paint: ChalkInstance, problems: readonly TestingFileError[] = [], cwd?: string): string[] {
  const lines: string[] = [];
  const failures = summary.results.filter((result) => result.status === 'failed');
  if (failures.length > 0) {
    lines.push('', paint.red.bold(`${failures.length === 1 ? 'Failure' : `Failures (${failures.length})`}:`));
    for (const result of failures) lines.push(`  ${paint.red('✗')} ${caseTitle(result)}  ${paint.dim(caseLocation(result, cwd))}`);
    lines.push('');
  }
  if (summary.bailed) lines.push(paint.yellow('stopped after the first failing case (--bail)'));
  const counts = closingLine(summary, problems);
  const painted = summary.failed > 0 || problems.length > 0 ? paint.red.bold(counts) : paint.green.bold(counts);
  lines.push(`${painted} ${paint.dim(`(${(summary.durationMs / 1000).toFixed(2)} s)`)}`);
  return lines;
}
