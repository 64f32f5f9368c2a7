// `aigc chain verify-summaries`: read the summaries, merge them into one
// verdict on the fleet, print it as JSON and each problem on stderr.
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {mergeSummaries} from '../audit/fleet/merge.js';
import {VERIFY_SUMMARY_VERSION, type VerifySummary} from '../audit/fleet/summary.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, ioError} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_VERIFY_SUMMARIES} from './specs/chain-verify-summaries.js';
import type {FlagValues} from './start/spec.js';
import {readErrorText} from './system-errors.js';

export type VerifySummariesFlags = FlagValues<(typeof CHAIN_VERIFY_SUMMARIES)['flags']>;

export async function runVerifySummaries(files: string[], flags: VerifySummariesFlags, io: CommandIo): Promise<number> {
  const summaries: VerifySummary[] = [];
  for (const file of files) summaries.push(await readSummary(file, io.cwd));
  const report = mergeSummaries(summaries);
  const note = commandNotes(io.stderr, 'chain verify-summaries');
  for (const problem of report.problems) note(`${problem.code}: ${problem.message}`);
  await writeReport(`${JSON.stringify(report, null, 2)}\n`, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  note(report.valid ? `${report.files} files, ${report.chains.length} chains, ${report.artifacts} artifacts: whole` : `FAILED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} across ${report.files} files`);
  return report.valid ? ExitCode.Success : ExitCode.CheckFailed;
}

async function readSummary(file: string, cwd: string): Promise<VerifySummary> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw ioError(`cannot read the summary: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  let summary: VerifySummary;
  try {
    summary = JSON.parse(text) as VerifySummary;
  } catch {
    throw ioError('not a verification summary (not JSON)', file);
  }
  if (typeof summary !== 'object' || summary === null || summary.aigc_verify_summary !== VERIFY_SUMMARY_VERSION || !Array.isArray(summary.files)) {
    throw ioError(`not a verification summary of version ${VERIFY_SUMMARY_VERSION} (write one with chain verify --summary-json)`, file);
  }
  for (const entry of summary.files) {
    if (typeof entry?.file !== 'string' || !Array.isArray(entry.chains) || !Array.isArray(entry.problems) || typeof entry.tree_size !== 'number') throw ioError('not a verification summary: a file entry is incomplete', file);
  }
  return summary;
}
