// `aigc compliance export`: read the trails, build the report, write it in the
// chosen format, and with --attest its signed in-toto attestation beside it. Exit 1 when every line was invalid (nothing is written),
// 3 when an input cannot be read or the report cannot be written.
import {basename, resolve} from 'node:path';
import {type AttestedIntegrity, attestComplianceExport} from '../audit/tlog/attestation.js';
import type {NoteSigner} from '../audit/tlog/keys.js';
import {DatasetError} from '../dataset/errors.js';
import {datasetComplianceReport} from '../dataset/sql-report.js';
import {JsonlSourceError} from '../io/jsonl.js';
import {ComplianceDataError, type ComplianceReport, type InvalidLine} from '../report/compliance.js';
import {type ComplianceTrail, readComplianceReport} from '../report/compliance-trails.js';
import {pythonPathText, sourceFileLabel} from '../report/source-file.js';
import type {TrailIntegrity} from '../report/trail-integrity.js';
import {attestationSignerOf, attestRequested, writeAttestationBeside} from './attestation-files.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {type IntegrityPlan, inputIntegrity, integrityPlan, isRegularFile} from './compliance-integrity.js';
import {datasetCliError} from './dataset-errors.js';
import {displayText} from './display-text.js';
import {commandNotes, emptyInputText} from './diagnostics.js';
import {CliError, ExitCode, ioError, usageError} from './exit-codes.js';
import {type InputFile, resolveInputPaths, STDIN} from './input-paths.js';
import {writeReport} from './output.js';
import {reportSettings} from './report-settings.js';

import {COMPLIANCE_FORMATS} from './reporters/compliance/formats.js';
import {COMPLIANCE_REPORTERS} from './reporters/compliance/index.js';
import type {COMPLIANCE_EXPORT} from './specs/compliance-export.js';
import type {FlagValues} from './start/spec.js';
import {readErrorText} from './system-errors.js';

export type ComplianceFlags = FlagValues<(typeof COMPLIANCE_EXPORT)['flags']>;

/** Invalid lines described on stderr before the rest are only counted. */
const MAX_INVALID_NOTES = 10;

/** `files`: the FILE arguments, read before the --input values. */
export async function runComplianceExport(files: readonly string[], flags: ComplianceFlags, io: CommandIo): Promise<number> {
  const given = [...files, ...(flags.input ?? [])];
  if (given.length === 0 && flags['from-parquet'] === undefined) {
    throw usageError('no audit trail to read: give a FILE or --input FILE (- for stdin), e.g. aigc compliance export audit.jsonl, or a dataset with --from-parquet DIR');
  }
  const settings = reportSettings(flags, COMPLIANCE_FORMATS, io.stdout, io.env);
  const note = commandNotes(io.stderr, 'compliance export');
  const inputs = flags['from-parquet'] === undefined ? resolveInputPaths(given, io.cwd, note) : null;
  if (inputs === null && flags.attest) throw usageError('--attest attests trails: give them as FILE arguments or with --input');
  const attestation = inputs === null ? null : await attestationSigner(flags, inputs, settings.outputFile, io);
  const reportDate = Math.floor(parseNow(flags.now) ?? Date.now() / 1000);
  const integrity = await integrityPlan(flags, inputs, settings.format !== 'json' || attestation !== null, io);
  const built = inputs === null ? await datasetReport(flags['from-parquet']!, given, flags, io) : await readReport(inputs, given, flags, io);
  describeInvalidLines(built, note);
  if (built.invalidArtifacts > 0 && built.totalArtifacts === 0) {
    // The reference's own line, as it prints it.
    io.stderr.write(`ERROR: all ${built.invalidArtifacts} artifact(s) were schema-invalid; nothing exported.\n`);
    return ExitCode.CheckFailed;
  }
  const report: ComplianceReport = {...built, reportDate, integrity: integrity === null ? null : await inputIntegrity(integrity)};
  if (report.totalArtifacts === 0) note(emptyInputText(report.sourceFile === '-' ? 'stdin' : report.sourceFile, 'audit artifacts'));
  const text = (await COMPLIANCE_REPORTERS[settings.format]())(report, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  // The reference prints this on stdout; here stdout carries only the product.
  if (settings.outputFile !== undefined) io.stderr.write(`Compliance report written to: ${displayText(pythonPathText(settings.outputFile))}\n`);
  if (attestation !== null && integrity !== null) await writeAttestation(report, integrity, settings.outputFile!, attestation, io, note);
  return ExitCode.Success;
}

/** `--attest --key-file`: the signer, checked (with what the attestation needs) before any input is read; null without --attest. */
async function attestationSigner(flags: ComplianceFlags, inputs: InputFile[], outputFile: string | undefined, io: CommandIo): Promise<NoteSigner | null> {
  if (!attestRequested(flags, outputFile, 'export')) return null;
  if (inputs.some(({path}) => path === STDIN)) throw usageError('--attest cannot attest stdin (-): give the input trails as files');
  for (const {path} of inputs) {
    if (!(await isRegularFile(resolve(io.cwd, path)))) throw usageError(`--attest cannot attest ${path}: it is not a regular file (a named pipe is read once); give the input trails as files`);
  }
  return attestationSignerOf(flags['key-file']!, io);
}

/** Writes `FILE.intoto.json`, the DSSE envelope of the in-toto Statement about the export just written. */
async function writeAttestation(report: ComplianceReport, plan: IntegrityPlan, outputFile: string, signer: NoteSigner, io: CommandIo, note: (message: string) => void): Promise<void> {
  const rfc3339 = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
  await writeAttestationBeside(
    outputFile,
    () =>
      attestComplianceExport({
        exportFile: resolve(io.cwd, outputFile),
        subjectName: basename(outputFile),
        inputs: plan.inputs.map((input, index) => ({
          file: input.path!,
          name: input.name,
          checkpoint: input.checkpoint === null ? null : Buffer.from(input.checkpoint.note).toString('utf8'),
          integrity: attestedIntegrity(report.integrity![index]!),
        })),
        reportVersion: report.version,
        generatedAt: rfc3339(report.reportDate!),
        period: {start: report.period === null ? null : rfc3339(report.period.start), end: report.period === null ? null : rfc3339(report.period.end)},
        totals: {
          totalArtifacts: report.totalArtifacts,
          passCount: report.passCount,
          failCount: report.failCount,
          invalidArtifacts: report.invalidArtifacts,
          complianceRate: report.complianceRate,
        },
        signer,
      }),
    signer,
    io,
    note,
  );
}

/** An input's integrity as the predicate records it. */
function attestedIntegrity(integrity: TrailIntegrity): AttestedIntegrity {
  const {chain, checkpoint} = integrity;
  return {
    chain: chain.status,
    signaturesChecked: chain.signaturesChecked,
    ...(chain.problem === undefined ? {} : {chainProblem: chain.problem.code}),
    checkpoint: checkpoint.status,
    ...(checkpoint.logKey === undefined ? {} : {checkpointKey: checkpoint.logKey}),
    ...(checkpoint.code === undefined ? {} : {checkpointProblem: checkpoint.code}),
  };
}

async function datasetReport(dir: string, given: readonly string[], flags: ComplianceFlags, io: CommandIo): Promise<ComplianceReport> {
  if (given.length > 0) throw usageError('trails (FILE or --input) and --from-parquet cannot be used together');
  if (flags['include-artifacts'] || flags.lineage) throw usageError('--include-artifacts and --lineage read the trails: use --input');
  try {
    return await datasetComplianceReport(resolve(io.cwd, dir));
  } catch (error) {
    if (error instanceof DatasetError) throw datasetCliError(error);
    throw error;
  }
}

async function readReport(inputs: InputFile[], given: readonly string[], flags: ComplianceFlags, io: CommandIo): Promise<ComplianceReport> {
  const trails: ComplianceTrail[] = inputs.map(({path}) => (path === STDIN ? {name: 'stdin', path: STDIN} : {name: path, path: resolve(io.cwd, path)}));
  try {
    return await readComplianceReport(trails, {
      sourceFile: sourceFileLabel(given),
      includeArtifacts: flags['include-artifacts'],
      lineage: flags.lineage,
      stdin: io.stdin,
    });
  } catch (error) {
    if (error instanceof ComplianceDataError) {
      // Past the lineage's size bound is a limit of this machine's memory, not a verdict on the trail.
      const exitCode = error.code === 'COMPLIANCE_LINEAGE_BOUND' ? ExitCode.Internal : ExitCode.CheckFailed;
      throw new CliError(error.message, exitCode, error.sourceLocation, {cause: error});
    }
    // A read failure names the input as the user gave it.
    if (error instanceof JsonlSourceError) throw ioError(`cannot read: ${readErrorText(error.code)}`, error.path, error);
    throw error;
  }
}

function describeInvalidLines(report: ComplianceReport, note: (message: string) => void): void {
  const notes = report.invalidLines.slice(0, MAX_INVALID_NOTES);
  for (const line of notes) note(`${line.source}:${line.line}: skipped: ${invalidText(line).replace(/; skipped$/, '')}`);
  const rest = report.invalidArtifacts - notes.length;
  if (rest > 0) note(`… and ${rest} more invalid line${rest === 1 ? '' : 's'} skipped`);
}

function invalidText(line: InvalidLine): string {
  switch (line.reason) {
    case 'schema':
      return `not a valid audit artifact: ${line.message}`;
    case 'not-object':
      return 'not a JSON object';
    default:
      // The reader's messages start with "line N …"; the location is already given.
      return line.message.replace(/^line \d+ (is )?/, '');
  }
}
