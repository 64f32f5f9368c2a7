// `aigc chain verify-summaries`: read the summaries, merge them into one
// verdict on the fleet, print it as JSON and each problem on stderr, and with
// --attest sign an in-toto attestation of the report beside it.
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {basename, resolve} from 'node:path';
import {attestFleetReport, type MergedSummary} from '../audit/fleet/attestation.js';
import {type FleetReport, mergeSummaries} from '../audit/fleet/merge.js';
import {VERIFY_SUMMARY_VERSION, type VerifySummary} from '../audit/fleet/summary.js';
import type {NoteSigner} from '../audit/tlog/keys.js';
import {attestationSignerOf, attestRequested, writeAttestationBeside} from './attestation-files.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, ioError} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_VERIFY_SUMMARIES} from './specs/chain-verify-summaries.js';
import type {FlagValues} from './start/spec.js';
import {readErrorText} from './system-errors.js';

export type VerifySummariesFlags = FlagValues<(typeof CHAIN_VERIFY_SUMMARIES)['flags']>;

export async function runVerifySummaries(files: string[], flags: VerifySummariesFlags, io: CommandIo): Promise<number> {
  const signer = attestRequested(flags, flags.output, 'fleet report') ? await attestationSignerOf(flags['key-file']!, io) : null;
  const summaries: MergedSummary[] = [];
  for (const file of files) summaries.push(await readSummary(file, io.cwd));
  const report = mergeSummaries(summaries.map(({summary}) => summary));
  const note = commandNotes(io.stderr, 'chain verify-summaries');
  for (const problem of report.problems) note(`${problem.code}: ${problem.message}`);
  await writeReport(`${JSON.stringify(report, null, 2)}\n`, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  if (signer !== null) await writeFleetAttestation(report, summaries, flags.output!, signer, io, note);
  note(report.valid ? `${report.files} files, ${report.chains.length} chains, ${report.artifacts} artifacts: whole` : `FAILED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} across ${report.files} files`);
  return report.valid ? ExitCode.Success : ExitCode.CheckFailed;
}

/** Writes `FILE.intoto.json`: the fleet report just written, the summaries as read, signed. */
async function writeFleetAttestation(report: FleetReport, summaries: MergedSummary[], outputFile: string, signer: NoteSigner, io: CommandIo, note: (message: string) => void): Promise<void> {
  const generatedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  await writeAttestationBeside(outputFile, () => attestFleetReport({reportFile: resolve(io.cwd, outputFile), subjectName: basename(outputFile), report, summaries, generatedAt, signer}), signer, io, note);
}

/** A summary, with the size and SHA-256 of the very bytes merged. */
async function readSummary(file: string, cwd: string): Promise<MergedSummary> {
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (error) {
    throw ioError(`cannot read the summary: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  let summary: VerifySummary;
  try {
    summary = JSON.parse(bytes.toString('utf8')) as VerifySummary;
  } catch {
    throw ioError('not a verification summary (not JSON)', file);
  }
  if (typeof summary !== 'object' || summary === null || summary.aigc_verify_summary !== VERIFY_SUMMARY_VERSION || !Array.isArray(summary.files)) {
    throw ioError(`not a verification summary of version ${VERIFY_SUMMARY_VERSION} (write one with chain verify --summary-json)`, file);
  }
  for (const entry of summary.files) {
    const complete =
      typeof entry?.file === 'string' &&
      Array.isArray(entry.chains) &&
      Array.isArray(entry.problems) &&
      typeof entry.tree_size === 'number' &&
      typeof entry.root_hash === 'string' &&
      typeof entry.size === 'number' &&
      typeof entry.sha256 === 'string' &&
      (entry.checkpoint === null || typeof entry.checkpoint?.tree_size === 'number');
    if (!complete) throw ioError('not a verification summary: a file entry is incomplete', file);
  }
  return {name: file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), summary};
}
