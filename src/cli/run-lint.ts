// `aigc policy lint`: collect files, lint each, report in the chosen format.
import {lintPolicyFile} from '../policy/lint/lint.js';
import {collectFiles, POLICY_FILES, skippedMessage} from '../files/collect.js';
import {ALL_RULES} from '../policy/lint/rules.js';
import {hasUnreadableFile, missingFileResult} from '../policy/lint/rules/file-unreadable.js';
import {utcDay} from '../policy/dates.js';
import {clockFrom, parseNow} from './clock.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeReport} from './output.js';
import {reportSettings, type ReportFlagValues} from './report-settings.js';
import {countOf} from './reporters/lint/findings.js';
import {LINT_FORMAT_SPEC, loadLintReporter} from './reporters/lint/index.js';
import type {LintFileResult, LintReport} from './reporters/lint/types.js';
import {toolVersion} from './version.js';

export interface LintFlags extends ReportFlagValues {
  'max-warnings'?: number;
  now?: string;
}

export async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  const settings = reportSettings(flags, LINT_FORMAT_SPEC, process.stdout, process.env);
  const clock = clockFrom(parseNow(flags.now));
  const {files, missing, empty, skipped} = collectFiles(paths, POLICY_FILES);
  for (const entry of skipped) process.stderr.write(`aigc policy lint: ${skippedMessage(entry)}\n`);
  if (files.length === 0 && missing.length === 0) throw usageError(`${empty.join(', ')}: no policy files (*.yaml, *.yml) found`);
  for (const path of empty) process.stderr.write(`aigc policy lint: ${path}: no policy files (*.yaml, *.yml) found\n`);
  const results: LintFileResult[] = missing.map(missingFileResult);
  for (const file of files) results.push(lintPolicyFile(file, {today: () => utcDay(clock())}));
  const report: LintReport = {
    files: results,
    errorCount: count(results, 'error'),
    warningCount: count(results, 'warning'),
    rules: ALL_RULES,
    toolVersion: toolVersion(),
  };
  const reporter = await loadLintReporter(settings.format);
  const text = reporter(report, {color: settings.color, cwd: process.cwd()});
  await writeReport(text, {outputFile: settings.outputFile, stdout: process.stdout});
  // The text format keeps stdout to one line per finding; its totals go to stderr.
  if (settings.format === 'text' && settings.outputFile === undefined) process.stderr.write(`${summaryLine(report)}\n`);
  const maxWarnings = flags['max-warnings'];
  const tooManyWarnings = maxWarnings !== undefined && report.warningCount > maxWarnings;
  if (tooManyWarnings) process.stderr.write(`aigc policy lint: ${countOf(report.warningCount, 'warning')}, more than --max-warnings ${maxWarnings}\n`);
  // A file that could not be checked at all is an input error, whatever the others gave.
  if (results.some(hasUnreadableFile)) return ExitCode.Internal;
  return report.errorCount > 0 || tooManyWarnings ? ExitCode.CheckFailed : ExitCode.Success;
}

function count(results: LintFileResult[], severity: 'error' | 'warning'): number {
  return results.reduce((sum, result) => sum + result.findings.filter((finding) => finding.severity === severity).length, 0);
}

function summaryLine(report: LintReport): string {
  return `aigc policy lint: ${countOf(report.errorCount, 'error')}, ${countOf(report.warningCount, 'warning')} in ${countOf(report.files.length, 'file')}`;
}
