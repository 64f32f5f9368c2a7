// The plain format (default when stdout is not a terminal): one line per
// problem, `file:line: code: message [chain id #index] (expected …, found …)`,
// then per file its chains' summary lines, one line per checkpoint checked,
// then the closing statements.
import {displayPath} from '../paths.js';
import {chainPlace, chainSummaryLine, checkpointLine, closingLines, expectedFound, plural} from './summary.js';
import type {ChainVerifyReport, ReporterOptions, VerifyProblem, VerifyReporter} from './types.js';

export const textReporter: VerifyReporter = (report: ChainVerifyReport, options: ReporterOptions): string => {
  const lines = report.problems.map((problem) => problemLine(problem, options.cwd));
  for (const file of report.files) {
    lines.push(`${displayPath(file.file, options.cwd)}: ${plural(file.artifacts, 'artifact')} in ${plural(file.chains.length, 'chain')}`);
    for (const chain of file.chains) lines.push(chainSummaryLine(chain, report));
  }
  for (const result of report.checkpoints?.results ?? []) lines.push(checkpointLine(result, options.cwd));
  lines.push(...closingLines(report));
  return `${lines.join('\n')}\n`;
};

export function problemLine(problem: VerifyProblem, cwd?: string): string {
  const where = problem.line === null ? displayPath(problem.file, cwd) : `${displayPath(problem.file, cwd)}:${problem.line}`;
  return `${where}: ${problem.code}: ${problem.message}${chainPlace(problem)}${expectedFound(problem)}`;
}
