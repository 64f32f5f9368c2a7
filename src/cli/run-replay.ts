// `aigc replay`: load every fixture first (a malformed one stops the run),
// replay each, write expectations back as `--update` says, report.
import path from 'node:path';
import {PolicyCache} from '../policy/cache.js';
import {isDict, type PyDict, type PyValue} from '../python/values.js';
import {collectFiles, FIXTURE_FILES, type SkippedPath, skippedMessage} from '../files/collect.js';
import {TestingFileError} from '../testing/errors.js';
import {FLIPS, mappingWarnings, summarizeDecisionChanges} from '../testing/replay/changes.js';
import {loadFixtureFile, parseOrThrow, type ReplayFixture, type ReplayMode} from '../testing/replay/fixtures.js';
import {parsePolicyMappings, type PolicyMapping, PolicyMappingError, PolicySubstitution} from '../testing/replay/policy-map.js';
import {replayFixture} from '../testing/replay/replay.js';
import {pairTrailWithRecords, refusedTrailMessage, refusedTrails} from '../testing/replay/trail.js';
import type {ReplayStatus} from '../testing/replay/types.js';
import {planUpdates, type UpdateMode} from '../testing/replay/update.js';
import {readFileSync} from 'node:fs';
import {isCi} from './ci.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, ioError, usageError} from './exit-codes.js';
import {writeFileAtomic, writeReport} from './output.js';
import {reportSettings} from './report-settings.js';
import {REPLAY_FORMATS} from './reporters/replay/formats.js';
import {REPLAY_REPORTERS} from './reporters/replay/index.js';
import type {ReplayOutcome, ReplayReport, ReplayReportEntry} from './reporters/replay/types.js';
import type {REPLAY} from './specs/replay.js';
import type {FlagValues} from './start/spec.js';
import {toolVersion} from './version.js';

export type ReplayFlags = FlagValues<(typeof REPLAY)['flags']>;

export async function runReplay(paths: string[], flags: ReplayFlags, io: CommandIo): Promise<number> {
  const settings = reportSettings(flags, REPLAY_FORMATS, io.stdout, io.env);
  const note = commandNotes(io.stderr, 'replay');
  const updateMode = updateModeOf(flags.update, io.env);
  if ((flags.policy?.length ?? 0) > 0 && updateMode !== 'none' && flags.update !== undefined) {
    throw usageError('--update cannot be combined with --policy: expectations would be rewritten from another policy');
  }
  const mappings = policyMappings(flags.policy, io.cwd);
  const mode = modeOf(flags.mode);
  const now = parseNow(flags.now);
  const expectedTemplate = flags.expected === undefined ? undefined : readExpectedTemplate(flags.expected, io.cwd);
  const callOutput = flags['call-output'] === undefined ? undefined : readJsonFlag('--call-output', flags['call-output'], io.cwd);
  const {fixtures: loaded, problems, skipped, notTaken} = loadFixtures(paths, {cwd: io.cwd, expectedTemplate, mode, callOutput}, flags.expected);
  for (const entry of notTaken) note(skippedMessage(entry));
  for (const problem of problems) note(`${problem.location}: ${problem.message}`);
  if (problems.length > 0) {
    note('no fixture was replayed: fix the file(s) above');
    return problems.some((problem) => problem.code === 'UNREADABLE') ? ExitCode.Internal : ExitCode.CheckFailed;
  }
  if (skipped.length > 0) note(`${skipped.length} JSON file(s) without a fixture passed over (expected artifacts, schemas…)`);
  // A trail line that a record given too holds, with its invocation, is replayed as that record.
  const {fixtures, coveredByRecords} = pairTrailWithRecords(loaded);

  const replayCwd = path.resolve(io.cwd, flags.root ?? '.');
  const replayOptions = {
    cwd: replayCwd,
    policyRoot: flags['policy-root'],
    cache: new PolicyCache(),
    now,
    strict: flags.strict,
    policyMap: mappings.length === 0 ? undefined : new PolicySubstitution(mappings, replayCwd),
    // The CLI registers no tracer provider: spans would be made for nothing.
    trace: false,
  };
  const replayed = fixtures.map((fixture) => replayFixture(fixture, replayOptions));
  const refused = refusedTrails(replayed);
  for (const trail of refused) note(`${trail.file}: ${refusedTrailMessage(trail)}`);
  const refusedFiles = new Set(refused.map((trail) => trail.file));
  const results = replayed.filter((result) => !refusedFiles.has(result.fixture.file));
  const plan = planUpdates(results, {mode: mappings.length === 0 ? updateMode : 'none', expectedFile: flags.expected, strict: flags.strict, cwd: io.cwd});
  for (const write of plan.writes) await writeFileAtomic(path.resolve(io.cwd, write.file), write.text);
  // The report names the fixtures; a file that is not one of them (the --expected FILE) is named here.
  const fixtureFiles = new Set(results.map((result) => path.resolve(io.cwd, result.fixture.file)));
  for (const write of plan.writes) if (!fixtureFiles.has(path.resolve(io.cwd, write.file))) note(`wrote the actual artifact to ${write.file} (--expected)`);

  const entries: ReplayReportEntry[] = results.map((result) => ({result, outcome: outcomeOf(result.status, plan.updated.has(result))}));
  const count = (outcome: ReplayOutcome) => entries.filter((entry) => entry.outcome === outcome).length;
  // Decisions are compared under --policy, and for trail artifacts, which hold no invocation to compare artifacts of.
  const byDecision = mappings.length > 0 || results.some((result) => result.fixture.shape === 'artifact');
  const summary = byDecision ? summarizeDecisionChanges(results, mappings) : undefined;
  const warnings = summary === undefined ? [] : mappingWarnings(summary);
  for (const warning of warnings) note(`warning: ${warning}`);
  const report: ReplayReport = {
    entries,
    passed: count('passed'),
    failed: count('failed') + count('missing'),
    written: count('written'),
    updated: count('updated'),
    changed: count('changed'),
    unreplayable: count('unreplayable'),
    decisions: summary === undefined ? undefined : {summary, warnings, coveredByRecords},
    toolVersion: toolVersion(),
  };
  if (fixtures.length === 0 && refused.length === 0) note(`no fixtures found in ${paths.join(', ')}`);
  const text = (await REPLAY_REPORTERS[settings.format]())(report, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  // --allow-flips: flipped decisions are reported, but what fails the run is everything else.
  const flips = results.filter((result) => result.status === 'failed' && result.change != null && FLIPS.includes(result.change)).length;
  const failing = report.failed - (flags['allow-flips'] ? flips : 0);
  return failing > 0 || refused.length > 0 ? ExitCode.CheckFailed : ExitCode.Success;
}

function outcomeOf(status: ReplayStatus, written: boolean): ReplayOutcome {
  if (!written) return status;
  return status === 'missing' ? 'written' : 'updated';
}

/** The --policy mappings; a bad form is a usage error, a NEW that cannot be read an I/O error. */
function policyMappings(values: string[] | undefined, cwd: string): PolicyMapping[] {
  try {
    return parsePolicyMappings(values ?? [], cwd);
  } catch (error) {
    if (!(error instanceof PolicyMappingError)) throw error;
    throw error.code === 'USAGE' ? usageError(error.message) : ioError(error.message, error.file ?? '', error);
  }
}

/** `--update` as given (a bare `-u`/`--update` arrives as `all`), else `new` locally and `none` under CI. */
function updateModeOf(value: string | undefined, env: Readonly<Record<string, string | undefined>>): UpdateMode {
  if (value === undefined) return isCi(env) ? 'none' : 'new';
  if (value === 'new' || value === 'all' || value === 'none') return value;
  throw usageError(`--update must be new, all or none, got '${value}'`);
}

function modeOf(value: string | undefined): ReplayMode | undefined {
  if (value === undefined || value === 'unified' || value === 'split') return value;
  throw usageError(`--mode must be unified or split, got '${value}'`);
}

function readJsonFlag(flag: string, file: string, cwd: string): PyValue {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw ioError(`${flag}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, file, error);
  }
  try {
    return parseOrThrow(text, file, 1);
  } catch (error) {
    if (error instanceof TestingFileError) throw usageError(`${flag}: ${error.location}: ${error.message}`);
    throw error;
  }
}

/** `--expected FILE`; a file not there yet is what `--update=new` writes. */
function readExpectedTemplate(file: string, cwd: string): PyDict | undefined {
  try {
    readFileSync(path.resolve(cwd, file));
  } catch {
    return undefined;
  }
  const value = readJsonFlag('--expected', file, cwd);
  if (!isDict(value)) throw usageError(`--expected: ${file} does not hold a JSON object (a full or partial artifact)`);
  return value;
}

interface LoadedFixtures {
  fixtures: ReplayFixture[];
  problems: TestingFileError[];
  /** JSON files in folders that hold no fixture. */
  skipped: string[];
  /** What folder walks and globs did not take (links out of the folder, special files). */
  notTaken: SkippedPath[];
}

function loadFixtures(paths: string[], options: Parameters<typeof loadFixtureFile>[1], expectedFile: string | undefined): LoadedFixtures {
  const cwd = options?.cwd ?? process.cwd();
  const {files, missing, skipped: notTaken} = collectFiles(paths, FIXTURE_FILES, cwd);
  if (missing.length > 0) throw ioError('no such file or folder', missing.join(', '));
  const named = new Set(paths.map((given) => path.resolve(cwd, given)));
  const expectedPath = expectedFile === undefined ? undefined : path.resolve(cwd, expectedFile);
  const loaded: LoadedFixtures = {fixtures: [], problems: [], skipped: [], notTaken};
  for (const file of files) {
    if (path.resolve(cwd, file) === expectedPath) continue;
    try {
      const outcome = loadFixtureFile(file, options);
      if (!Array.isArray(outcome)) {
        if (named.has(path.resolve(cwd, file))) throw new TestingFileError(`not a replay fixture: ${outcome.reason}`, 'SCHEMA', {file});
        loaded.skipped.push(file);
        continue;
      }
      loaded.fixtures.push(...outcome);
    } catch (error) {
      if (!(error instanceof TestingFileError)) throw error;
      loaded.problems.push(error);
    }
  }
  return loaded;
}
