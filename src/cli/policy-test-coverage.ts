// Coverage for `aigc policy test`: the flags read into one request, the
// collector the run's enforcement tells, the summary and report files once
// the cases ran, the threshold's verdict; and `--changed-since`, the suites
// a change concerns.
import path from 'node:path';
import {CoverageCollector, coverageReport, meetsThreshold, thresholdShortfall} from '../testing/coverage/index.js';
import {ChangedSinceError, filesChangedSince, suitesConcerned} from '../testing/changed-since.js';
import type {LoadedSuite} from '../testing/suite.js';
import {CliError, ExitCode, usageError} from './exit-codes.js';
import {type ReportStream, writeFileAtomic, writeToStream} from './output.js';
import {COVERAGE_FILE_FORMATS, COVERAGE_REPORTERS, type CoverageFileFormat} from './reporters/coverage/index.js';
import type {POLICY_TEST} from './specs/policy-test.js';
import type {FlagValues} from './start/spec.js';
import {toolVersion} from './version.js';

type CoverageFlagValues = Pick<FlagValues<(typeof POLICY_TEST)['flags']>, 'coverage' | 'threshold' | 'coverage-format' | 'coverage-output'>;

/** What a run asked of coverage. */
export interface CoverageRequest {
  collector: CoverageCollector;
  /** In percent, 0-100. */
  threshold?: number;
  file?: {path: string; format: CoverageFileFormat};
}

/** The request the flags make, or undefined when coverage is off; bad values are usage errors. */
export function coverageRequest(flags: CoverageFlagValues, testReportFile: string | undefined, cwd: string): CoverageRequest | undefined {
  const threshold = flags.threshold === undefined ? undefined : parseThreshold(flags.threshold);
  const format = flags['coverage-format'];
  const output = flags['coverage-output'];
  if (format !== undefined && output === undefined) throw usageError('--coverage-format needs --coverage-output FILE (stdout carries the test report)');
  const names: readonly string[] = COVERAGE_FILE_FORMATS.names;
  if (format !== undefined && !names.includes(format)) {
    throw usageError(`unknown format "${format}" for --coverage-format; expected one of: ${names.join(', ')}`);
  }
  if (output !== undefined && testReportFile !== undefined && path.resolve(cwd, output) === path.resolve(cwd, testReportFile)) {
    throw usageError('--coverage-output and --output name the same file');
  }
  if (!flags.coverage && threshold === undefined && output === undefined) return undefined;
  return {
    collector: new CoverageCollector(),
    ...(threshold === undefined ? {} : {threshold}),
    ...(output === undefined ? {} : {file: {path: output, format: (format ?? COVERAGE_FILE_FORMATS.default) as CoverageFileFormat}}),
  };
}

function parseThreshold(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%?\s*$/.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  if (!(value >= 0 && value <= 100)) throw usageError(`--threshold: expected a percentage from 0 to 100, got '${text}'`);
  return value;
}

export interface CoverageDelivery {
  /** Where the summary goes: stdout, unless stdout carries a machine-readable test report. */
  summary: ReportStream;
  /** The command's notes on stderr (`aigc policy test: …`). */
  note: (message: string) => void;
  cwd: string;
  /** With `--changed-since`: only these policy files are reported. */
  changed?: ReadonlySet<string>;
}

/** Prints the summary, writes the report file, and says when the threshold is not met; true when it is not. */
export async function deliverCoverage(request: CoverageRequest, delivery: CoverageDelivery): Promise<boolean> {
  const changed = delivery.changed;
  const report = coverageReport(request.collector, changed ? {include: (file) => changed.has(file)} : {});
  const options = {cwd: delivery.cwd, threshold: request.threshold, toolVersion: toolVersion()};
  await writeToStream(delivery.summary, (await COVERAGE_REPORTERS.text())(report, options));
  if (request.file) {
    const text = (await COVERAGE_REPORTERS[request.file.format]())(report, options);
    await writeFileAtomic(request.file.path, text, delivery.cwd);
  }
  const {threshold} = request;
  if (threshold === undefined || meetsThreshold(report.totals, threshold)) return false;
  const {outcomes, outcomesCovered} = report.totals;
  const more = Math.ceil((threshold * outcomes) / 100 - 1e-9) - outcomesCovered;
  delivery.note(
    `coverage is below the threshold of ${threshold}% by ${thresholdShortfall(report.totals, threshold).toFixed(2)} percentage points ` +
      `(${outcomesCovered}/${outcomes} outcomes covered; ${more} more needed)`,
  );
  return true;
}

/** The suites a change since `revision` concerns, and the files changed; not being in a git work tree is a usage error. */
export function changedSuites(
  suites: readonly LoadedSuite[],
  revision: string,
  options: {cwd: string; policyRoot?: string},
): {suites: LoadedSuite[]; changed: Set<string>} {
  let changed: Set<string>;
  try {
    changed = filesChangedSince(revision, options.cwd);
  } catch (error) {
    if (!(error instanceof ChangedSinceError)) throw error;
    throw new CliError(`--changed-since: ${error.message}`, error.reason === 'git-unavailable' || error.reason === 'git-failed' ? ExitCode.Internal : ExitCode.Usage);
  }
  return {suites: suitesConcerned(suites, changed, options), changed};
}
