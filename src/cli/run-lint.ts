// `aigc policy lint`: collect files, lint each, report in the chosen format.
import type {ProjectConfig} from '../config/types.js';
import {clockAt} from '../pipeline/clock.js';
import {utcDay} from '../policy/dates.js';
import {lintPolicyFile} from '../policy/lint/lint.js';
import {rulesInEffect} from '../policy/lint/rules.js';
import {lintSuiteFile} from '../testing/lint-suite.js';
import {policyFilesOf} from './policy-files.js';
import {pathsOrProject} from './project-paths.js';
import {hasUnreadableFile, missingFileResult} from '../policy/lint/rules/file-unreadable.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode} from './exit-codes.js';
import {writeReport} from './output.js';
import {reportOutputs} from './report-settings.js';
import {countOf} from './reporters/lint/findings.js';
import {LINT_FORMATS} from './reporters/lint/formats.js';
import {LINT_REPORTERS} from './reporters/lint/index.js';
import type {LintFileResult, LintReport} from './reporters/lint/types.js';
import type {POLICY_LINT} from './specs/policy-lint.js';
import type {FlagValues} from './start/spec.js';
import {toolVersion} from './version.js';

export type LintFlags = FlagValues<(typeof POLICY_LINT)['flags']>;

export async function runLint(paths: string[], flags: LintFlags, io: CommandIo, config?: ProjectConfig): Promise<number> {
  const {settings, extra} = reportOutputs(flags, LINT_FORMATS, io.stdout, io.env);
  const note = commandNotes(io.stderr, 'policy lint');
  const clock = clockAt(parseNow(flags.now));
  const ruleSettings = config?.settings.lint?.rules;
  const {checked, missing, notPolicies} = policyFilesOf(pathsOrProject(paths, config, io.cwd), io.cwd, config, note, {suites: true});
  if (flags.verbose) for (const entry of notPolicies) note(`${entry.file}: skipped: ${entry.reason}`);
  const results: LintFileResult[] = missing.map(missingFileResult);
  for (const {file, kind} of checked) {
    results.push(kind === 'suite' ? lintSuiteFile(file, {cwd: io.cwd, ruleSettings}) : lintPolicyFile(file, {today: () => utcDay(clock()), cwd: io.cwd, ruleSettings}));
  }
  const report: LintReport = {
    files: results,
    errorCount: count(results, 'error'),
    warningCount: count(results, 'warning'),
    rules: rulesInEffect(ruleSettings),
    skipped: notPolicies,
    toolVersion: toolVersion(),
  };
  const reporter = await LINT_REPORTERS[settings.format]();
  const text = reporter(report, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  for (const output of extra) {
    const write = await LINT_REPORTERS[output.format]();
    await writeReport(write(report, {color: false, cwd: io.cwd}), {outputFile: output.file, stdout: io.stdout, cwd: io.cwd});
  }
  // The text format keeps stdout to one line per finding; its totals go to stderr.
  if (settings.format === 'text' && settings.outputFile === undefined) note(summary(report));
  const maxWarnings = flags['max-warnings'];
  const tooManyWarnings = maxWarnings !== undefined && report.warningCount > maxWarnings;
  if (tooManyWarnings) note(`${countOf(report.warningCount, 'warning')}, more than --max-warnings ${maxWarnings}`);
  // A file that could not be checked at all is an input error, whatever the others gave.
  if (results.some(hasUnreadableFile)) return ExitCode.Internal;
  return report.errorCount > 0 || tooManyWarnings ? ExitCode.CheckFailed : ExitCode.Success;
}

function count(results: LintFileResult[], severity: 'error' | 'warning'): number {
  return results.reduce((sum, result) => sum + result.findings.filter((finding) => finding.severity === severity).length, 0);
}

function summary(report: LintReport): string {
  return `${countOf(report.errorCount, 'error')}, ${countOf(report.warningCount, 'warning')} in ${countOf(report.files.length, 'file')}`;
}
