// The format for people at a terminal (default there): problems grouped under
// their file with a mark, chain summaries and checkpoints marked valid or not, and the closing
// statements, coloured when the caller says so.
import {Chalk, type ChalkInstance} from 'chalk';
import {displayPath} from '../paths.js';
import {chainIsValid, chainPlace, chainSummaryLine, checkpointLine, closingLines, expectedFound, plural} from './summary.js';
import type {ChainVerifyReport, FileVerifyResult, ReporterOptions, VerifyProblem, VerifyReport, VerifyReporter} from './types.js';

export const prettyReporter: VerifyReporter = (report: ChainVerifyReport, options: ReporterOptions): string => {
  const paint = new Chalk({level: options.color ? 1 : 0});
  const lines: string[] = [];
  for (const file of report.files) lines.push(...fileSection(file, report, paint, options.cwd), '');
  const checkpoints = report.checkpoints?.results ?? [];
  for (const result of checkpoints) lines.push(`${result.ok ? paint.green('✔') : paint.red('✖')} ${checkpointLine(result, options.cwd)}`);
  if (checkpoints.length > 0) lines.push('');
  const closing = closingLines(report);
  const verdict = closing.pop() ?? '';
  for (const line of closing) lines.push(paint.yellow(line));
  lines.push(report.valid ? paint.green.bold(`✔ ${verdict}`) : paint.red.bold(`✖ ${verdict}`));
  return `${lines.join('\n')}\n`;
};

function fileSection(file: FileVerifyResult, report: VerifyReport, paint: ChalkInstance, cwd?: string): string[] {
  const name = displayPath(file.file, cwd);
  const lines = [`${paint.bold(name)}  ${paint.dim(`${plural(file.artifacts, 'artifact')} in ${plural(file.chains.length, 'chain')}`)}`];
  for (const problem of report.problems) if (problem.file === file.file) lines.push(...problemLines(problem, paint));
  for (const chain of file.chains) {
    const valid = chainIsValid(chain);
    lines.push(`  ${valid ? paint.green('✔') : paint.red('✖')} ${chainSummaryLine(chain, report)}`);
  }
  return lines;
}

function problemLines(problem: VerifyProblem, paint: ChalkInstance): string[] {
  const where = problem.line === null ? 'file' : `line ${problem.line}`;
  return [`  ${paint.red('✖')} ${paint.bold(where)} ${paint.red(problem.code)}${paint.dim(chainPlace(problem))}`, `      ${problem.message}${paint.dim(expectedFound(problem))}`];
}
