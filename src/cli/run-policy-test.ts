// `aigc policy test`: find the suites (by the project config's `suites` globs
// when it has them), load them all (every problem of a malformed one is
// reported, it counts as an errored suite and the others still run), run the
// cases, report in the chosen format — live
// on a terminal outside CI, else once at the end — then, when asked, the
// policy coverage the cases reached (see policy-test-coverage.ts).
import {PolicyCache} from '../policy/cache.js';
import {statSync} from 'node:fs';
import path from 'node:path';
import {type FileSetTest, fileSetTest} from '../config/file-sets.js';
import type {ProjectConfig} from '../config/types.js';
import {collectFiles, type FileKind, SUITE_FILES, skippedMessage} from '../files/collect.js';
import type {TestingFileError} from '../testing/errors.js';
import {type CaseFilter, planCases, type RunOptions, type RunSummary, runSuites} from '../testing/run.js';
import {checkSuiteFile, type LoadedSuite} from '../testing/suite.js';
import {isCi} from './ci.js';
import {parseNow} from './clock.js';
import {isMachineFormat} from './format.js';
import {changedSuites, coverageRequest, deliverCoverage} from './policy-test-coverage.js';
import type {CommandIo} from './command-io.js';
import {commandNotes, describeFailure} from './diagnostics.js';
import {watchPolicyTests, type WatchSession} from './policy-test-watch.js';
import {pathsOrProject} from './project-paths.js';
import {ExitCode, ioError, usageError} from './exit-codes.js';
import {loadGateModules} from './gates.js';
import {writeReport} from './output.js';
import {redactionPatternsFromFlags} from './redact-flags.js';
import {reportOutputs} from './report-settings.js';
import {TEST_FORMATS} from './reporters/test/formats.js';
import {TEST_REPORTERS} from './reporters/test/index.js';
import type {TestReport} from './reporters/test/types.js';
import type {POLICY_TEST} from './specs/policy-test.js';
import type {FlagValues} from './start/spec.js';
import {countOf} from './reporters/lint/findings.js';
import {toolVersion} from './version.js';
import {compileJavaScriptPattern, RegexBudgetError} from '../python/regex.js';

export type PolicyTestFlags = FlagValues<(typeof POLICY_TEST)['flags']>;

export async function runPolicyTest(paths: string[], flags: PolicyTestFlags, io: CommandIo, config?: ProjectConfig): Promise<number> {
  if (flags.watch) return watch(paths, flags, io, config);
  return runReported(paths, flags, io, config);
}

async function runReported(paths: string[], flags: PolicyTestFlags, io: CommandIo, config: ProjectConfig | undefined): Promise<number> {
  try {
    return await runChecked(paths, flags, io, config);
  } catch (error) {
    // A `--run` or `reason: /…/` pattern too slow to answer is the user's to fix, like an invalid one.
    if (error instanceof RegexBudgetError) throw usageError(error.message);
    throw error;
  }
}

/** `--watch`: runs, then runs again the suites each change concerns, until Ctrl-C (exit 0). */
async function watch(paths: string[], flags: PolicyTestFlags, io: CommandIo, config: ProjectConfig | undefined): Promise<number> {
  if (flags['changed-since'] !== undefined) throw usageError('--watch and --changed-since cannot be given together');
  const note = commandNotes(io.stderr, 'policy test');
  const walked = pathsOrProject(paths, config, io.cwd);
  const session: WatchSession = {
    selection: {cwd: io.cwd, policyRoot: flags['policy-root']},
    folders: walked.map((given) => path.resolve(io.cwd, given)).filter(isFolder),
    find: () => {
      const {suites, problems} = loadSuites(walked, io.cwd, () => {}, fileSetTest(config, 'suites'));
      const files = new Set([...suites.map((suite) => suite.file), ...problems.map((problem) => problem.file)].map((file) => path.resolve(io.cwd, file)));
      return {suites, files: [...files]};
    },
    run: async (files) => {
      await runReported(files ? [...files] : paths, flags, io, config);
    },
    note,
    fail: (error) => io.stderr.write(describeFailure(error, io.env, 'policy test').stderr),
  };
  await watchPolicyTests(session, interrupted());
  return ExitCode.Success;
}

/** Resolves at the first Ctrl-C (SIGINT) or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isFolder(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

async function runChecked(paths: string[], flags: PolicyTestFlags, io: CommandIo, config: ProjectConfig | undefined): Promise<number> {
  const {settings, extra} = reportOutputs(flags, TEST_FORMATS, io.stdout, io.env);
  const note = commandNotes(io.stderr, 'policy test');
  if (flags.quiet && flags.verbose) throw usageError('--quiet and --verbose cannot be given together');
  const verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const filter = runFilter(flags.run);
  const now = parseNow(flags.now);
  const coverage = coverageRequest(flags, settings.outputFile, io.cwd);
  const walked = pathsOrProject(paths, config, io.cwd);
  const loaded = loadSuites(walked, io.cwd, note, fileSetTest(config, 'suites'));
  const {problems} = loaded;
  let {suites} = loaded;
  for (const problem of problems) note(`${problem.location}: ${problem.message}`);
  const errored = new Set(problems.map((problem) => problem.file)).size;
  if (problems.length > 0) note(`${countOf(errored, 'suite file')} not run: fix the problems above`);
  if (suites.length === 0 && problems.length === 0) note(`no test suites (*.test.yaml) found in ${walked.join(', ')}`);
  const changedSince = flags['changed-since'];
  const changed = changedSince === undefined ? undefined : changedSuites(suites, changedSince, {cwd: io.cwd, policyRoot: flags['policy-root']});
  if (changed) {
    if (suites.length > 0 && changed.suites.length === 0) note(`no suite is concerned by a change since ${changedSince}`);
    suites = changed.suites;
  }
  const testReport = (summary: RunSummary): TestReport => ({summary, suiteFiles: suites.map((suite) => suite.file), problems, toolVersion: toolVersion()});
  const options: RunOptions = {
    cwd: io.cwd,
    policyRoot: flags['policy-root'],
    cache: new PolicyCache(),
    now: now === undefined ? undefined : Math.floor(now),
    filter,
    bail: flags.bail,
    strictMode: flags.strict,
    customGates: flags.gate ? await loadGateModules(flags.gate, io.cwd, io.importModule) : undefined,
    redactionPatterns: redactionPatternsFromFlags(flags.redact),
    // The CLI registers no tracer provider: spans would be made for nothing.
    trace: false,
    observer: coverage?.collector,
  };
  // A watch prints one report per run: the live view redraws only one.
  const live = settings.format === 'pretty' && settings.outputFile === undefined && io.stdout.isTTY === true && !isCi(io.env) && !flags.watch;
  let summary: RunSummary;
  if (live) {
    // React's development build (the default) makes the view several times slower; a user's own NODE_ENV wins.
    process.env.NODE_ENV ??= 'production';
    // An ES module (ink), imported as the start path imports them.
    const {runWithLiveView} = (await io.importModule(new URL('./ui/test-view.js', import.meta.url).href)) as typeof import('./ui/test-view.js');
    summary = await runWithLiveView((onResult) => runSuites(suites, {...options, onResult}), {
      total: planCases(suites, filter).filter((planned) => planned.skipReason === undefined).length,
      color: settings.color,
      cwd: io.cwd,
      verbosity,
      stdout: io.stdout as NodeJS.WriteStream,
    });
  } else {
    summary = await runSuites(suites, options);
    const text = (await TEST_REPORTERS[settings.format]())(testReport(summary), {color: settings.color, cwd: io.cwd, verbosity});
    await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  }
  for (const output of extra) {
    const text = (await TEST_REPORTERS[output.format]())(testReport(summary), {color: false, cwd: io.cwd});
    await writeReport(text, {outputFile: output.file, stdout: io.stdout, cwd: io.cwd});
  }
  // The summary follows the test report on stdout, unless stdout carries a machine-readable one.
  const belowThreshold =
    coverage !== undefined &&
    (await deliverCoverage(coverage, {
      summary: settings.outputFile === undefined && isMachineFormat(settings.format) ? io.stderr : io.stdout,
      note,
      cwd: io.cwd,
      changed: changed?.changed,
    }));
  if (problems.some((problem) => problem.code === 'UNREADABLE')) return ExitCode.Internal;
  if (summary.failed > 0 || belowThreshold || problems.length > 0) return ExitCode.CheckFailed;
  if (flags['fail-on-empty'] && summary.passed === 0) {
    note('no test case ran (--fail-on-empty)');
    return ExitCode.CheckFailed;
  }
  return ExitCode.Success;
}

/**
 * Every suite under the paths, each loaded whole; problems are collected so
 * all of them are reported at once. With the config's `suites` globs, a walk
 * takes the YAML files they match, whatever their names.
 */
function loadSuites(
  paths: string[],
  cwd: string,
  note: (message: string) => void,
  inConfig: FileSetTest | undefined,
): {suites: LoadedSuite[]; problems: TestingFileError[]} {
  const collected = collectFiles(paths, inConfig ? CONFIGURED_SUITE_FILES : SUITE_FILES, cwd);
  const {missing, skipped, named} = collected;
  if (missing.length > 0) throw ioError('no such file or folder', missing.join(', '));
  for (const entry of skipped) note(skippedMessage(entry));
  const files = inConfig ? collected.files.filter((file) => named.has(file) || inConfig(path.resolve(cwd, file))) : collected.files;
  const suites: LoadedSuite[] = [];
  const problems: TestingFileError[] = [];
  for (const file of files) {
    const checked = checkSuiteFile(file, {cwd});
    if (checked.suite) suites.push(checked.suite);
    problems.push(...checked.problems);
  }
  return {suites, problems};
}

/** What a walk looks at when the project config's globs decide which YAML files are suites. */
const CONFIGURED_SUITE_FILES: FileKind = {suffixes: ['.yaml', '.yml'], sameFile: 'resolved'};

function runFilter(pattern: string | undefined): CaseFilter | undefined {
  if (pattern === undefined) return undefined;
  try {
    return compileJavaScriptPattern(pattern);
  } catch (error) {
    throw usageError(`--run: invalid regular expression: ${(error as Error).message}`);
  }
}

