// `aigc chain verify`: check the named trails (streaming, constant memory),
// with a progress display on an interactive stderr, and with --checkpoint the
// signed checkpoints against the trail, then report in the chosen format. Exit 0 when everything checked is valid, 1 otherwise, 3 when a file
// cannot be read.
import {statSync} from 'node:fs';
import {type CheckpointToVerify, verifyTrailCheckpoints} from '../audit/tlog/log.js';
import type {NoteVerifier} from '../audit/tlog/keys.js';
import {resolve} from 'node:path';
import {summarizeVerification, type VerifySummary} from '../audit/fleet/summary.js';
import {verifyTrails, type VerifyProgress, type VerifyReport} from '../audit/verify/index.js';
import {JsonlSourceError} from '../io/jsonl.js';
import {isCi} from './ci.js';
import {colorLevel as colorLevelOf} from './color.js';
import type {CommandIo} from './command-io.js';
import {commandNotes, emptyInputText} from './diagnostics.js';
import {ExitCode, ioError, usageError} from './exit-codes.js';
import {isMachineFormat} from './format.js';
import {keyFromFlags} from './keys.js';
import {writeReport} from './output.js';
import {reportSettings} from './report-settings.js';
import {VERIFY_FORMATS} from './reporters/verify/formats.js';
import {type ChainVerifyReport, VERIFY_REPORTERS} from './reporters/verify/index.js';
import type {CHAIN_VERIFY} from './specs/chain-verify.js';
import type {FlagValues} from './start/spec.js';
import {readErrorText} from './system-errors.js';
import {overTrail, quorumOf, readSmallFile, verifierKeysOf} from './tlog-files.js';
import {MAX_THREADS, threadsFlag} from './threads.js';

export type VerifyFlags = FlagValues<(typeof CHAIN_VERIFY)['flags']>;

/** Lowers the line-size limit (bytes), for tests and for auditors with smaller trails; default 64 MiB. */
export const MAX_LINE_BYTES_ENV = 'AIGC_MAX_LINE_BYTES';
/** The default of `--threads`: 1 is the main thread alone; unset, one per CPU (see `VerifyOptions.threads`). */
export const THREADS_ENV = 'AIGC_VERIFY_THREADS';

export async function runVerify(files: string[], flags: VerifyFlags, io: CommandIo): Promise<number> {
  const settings = reportSettings(flags, VERIFY_FORMATS, io.stdout, io.env);
  if (files.filter((file) => file === '-').length > 1) throw usageError('stdin (-) can be read only once');
  if (flags['summary-json'] !== undefined && files.includes('-')) throw usageError('--summary-json needs files: stdin (-) has no digest');
  const signingKey = keyFromFlags(flags, io.env);
  const maxLineBytes = lineLimit(io.env[MAX_LINE_BYTES_ENV]);
  const threads = flags.threads === undefined ? threadCount(io.env[THREADS_ENV]) : threadsFlag(flags.threads);
  const checkpoints = await checkpointsToVerify(files, flags, io);
  for (const file of files) if (file !== '-') checkReadable(file);

  const progress = await progressDisplay(io, isMachineFormat(settings.format), flags.color);
  let report: VerifyReport;
  try {
    report = await verifyTrails(
      files.map((file) => ({file, source: file})),
      {signingKey, allowUnsigned: flags['allow-unsigned'], maxErrors: flags['max-errors'], maxLineBytes, threads, stdin: io.stdin, onProgress: progress?.update},
    );
  } catch (error) {
    if (error instanceof JsonlSourceError) throw ioError(`cannot read the trail: ${readErrorText(error.code)}`, error.path, error);
    throw error;
  } finally {
    await progress?.stop();
  }
  const note = commandNotes(io.stderr, 'chain verify');
  for (const file of report.files) if (file.artifacts === 0 && file.unreadableLines === 0) note(emptyInputText(file.file === '-' ? 'stdin' : file.file, 'audit artifacts'));
  const full: ChainVerifyReport = checkpoints === null ? report : await withCheckpoints(report, files[0], checkpoints);
  const text = (await VERIFY_REPORTERS[settings.format]())(full, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  if (flags['summary-json'] !== undefined) await writeSummary(report, flags['summary-json'], io);
  return full.valid ? ExitCode.Success : ExitCode.CheckFailed;
}

interface CheckpointsToVerify {
  notes: CheckpointToVerify[];
  logKeys: NoteVerifier[];
  witnesses: NoteVerifier[];
  quorum?: number;
}

/** `--checkpoint` files and the keys to check them with, read before the trail is; null without --checkpoint. */
async function checkpointsToVerify(files: string[], flags: VerifyFlags, io: CommandIo): Promise<CheckpointsToVerify | null> {
  const given = flags.checkpoint ?? [];
  if (given.length === 0) {
    if (flags.pubkey !== undefined || flags.witness !== undefined || flags.quorum !== undefined) throw usageError('--pubkey, --witness and --quorum need --checkpoint');
    return null;
  }
  if (files.length !== 1 || files[0] === '-') throw usageError('--checkpoint checks one trail file (not stdin): give exactly one FILE');
  if (flags.pubkey === undefined) throw usageError("--checkpoint needs --pubkey, the log's verifier key");
  const quorum = quorumOf(flags);
  const logKeys = await verifierKeysOf(flags.pubkey, io);
  const witnesses = await verifierKeysOf(flags.witness ?? [], io);
  const notes: CheckpointToVerify[] = [];
  for (const file of given) notes.push({note: await readSmallFile(file, 'checkpoint', io), source: file});
  return {notes, logKeys, witnesses, quorum};
}

/** The chain report with the checkpoints' verdicts (one more read of the trail, up to the largest checkpoint). */
async function withCheckpoints(report: VerifyReport, trail: string, checkpoints: CheckpointsToVerify): Promise<ChainVerifyReport> {
  const {notes, logKeys, witnesses, quorum} = checkpoints;
  const checked = await overTrail(trail, () => verifyTrailCheckpoints(trail, notes, logKeys, {witnesses, quorum}));
  return {...report, valid: report.valid && checked.ok, checkpoints: {file: trail, leavesRead: checked.leavesRead, results: checked.results}};
}

async function writeSummary(report: VerifyReport, file: string, io: CommandIo): Promise<void> {
  const paths = new Map(report.files.map((result) => [result.file, resolve(io.cwd, result.file)]));
  let summary: VerifySummary;
  try {
    summary = await summarizeVerification(report, paths);
  } catch (error) {
    throw ioError(`cannot read the trail again for its summary: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  await writeReport(`${JSON.stringify(summary, null, 2)}\n`, {outputFile: file, stdout: io.stdout, cwd: io.cwd});
}

interface ProgressDisplay {
  update: (progress: VerifyProgress) => void;
  stop: () => Promise<void>;
}

/** The ink view on stderr, only for people: a terminal, outside CI, and not under a machine format. */
async function progressDisplay(io: CommandIo, machineFormat: boolean, colorFlag: boolean | undefined): Promise<ProgressDisplay | null> {
  if (machineFormat || io.stderr.isTTY !== true || isCi(io.env)) return null;
  // An ES module (ink), imported as the start path imports them.
  const {startVerifyProgress} = (await io.importModule(new URL('./ui/verify-progress.js', import.meta.url).href)) as typeof import('./ui/verify-progress.js');
  const colorLevel = colorLevelOf({stream: io.stderr, colorFlag, env: io.env});
  return startVerifyProgress({stderr: io.stderr as NodeJS.WriteStream, fileSize: fileSizeOf, colorLevel});
}

function fileSizeOf(file: string): number | null {
  if (file === '-') return null;
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** Missing files and folders stop the run before anything is verified (exit 3). */
function checkReadable(file: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (error) {
    throw ioError(`cannot read the trail: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  if (isDirectory) throw ioError('cannot read the trail: it is a folder; name the JSONL files in it', file);
}

function lineLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit <= 0) throw usageError(`${MAX_LINE_BYTES_ENV} must be a positive number of bytes, not "${value}"`);
  return limit;
}

function threadCount(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_THREADS) throw usageError(`${THREADS_ENV} must be a number of threads from 1 to ${MAX_THREADS}, not "${value}"`);
  return count;
}
