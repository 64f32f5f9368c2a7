// `aigc compliance export`: read the trails, build the report, write it in the
// chosen format. Exit 1 when every line was invalid (nothing is written),
// 3 when an input cannot be read or the report cannot be written.
import type {Readable} from 'node:stream';
import {resolve} from 'node:path';
import {type JsonlRecord, JsonlSourceError} from '../io/jsonl.js';
import {buildComplianceReport, ComplianceDataError, type ComplianceReport, type ComplianceSource, type InvalidLine} from '../report/compliance.js';
import {pythonPathText, sourceFileLabel} from '../report/source-file.js';
import {readTrailLines} from '../report/trail-lines.js';
import {CliError, ExitCode, ioError} from './exit-codes.js';
import {type InputFile, resolveInputPaths, STDIN} from './input-paths.js';
import {type ReportStream, writeReport} from './output.js';
import {reportSettings, type ReportFlagValues} from './report-settings.js';
import {COMPLIANCE_FORMAT_SPEC, complianceReporters} from './reporters/compliance/index.js';

export interface ComplianceFlags extends ReportFlagValues {
  input: string[];
  'include-artifacts'?: boolean;
  lineage?: boolean;
}

/** The process streams, replaceable in tests. */
export interface ComplianceIo {
  stdin: Readable;
  stdout: ReportStream & {isTTY?: boolean};
  stderr: {write(text: string): unknown};
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Invalid lines described on stderr before the rest are only counted. */
const MAX_INVALID_NOTES = 10;

export async function runComplianceExport(flags: ComplianceFlags, io: ComplianceIo = processIo()): Promise<number> {
  const settings = reportSettings(flags, COMPLIANCE_FORMAT_SPEC, io.stdout, io.env);
  const inputs = resolveInputPaths(flags.input, io.cwd, (warning) => io.stderr.write(`aigc compliance export: ${warning}\n`));
  const report = await readReport(inputs, flags, io);
  describeInvalidLines(report, io);
  if (report.invalidArtifacts > 0 && report.totalArtifacts === 0) {
    io.stderr.write(`ERROR: all ${report.invalidArtifacts} artifact(s) were schema-invalid; nothing exported.\n`);
    return ExitCode.CheckFailed;
  }
  if (report.totalArtifacts === 0) io.stderr.write(`aigc compliance export: warning: ${report.sourceFile}: no audit artifacts found\n`);
  const text = complianceReporters[settings.format](report);
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout});
  // The reference prints this on stdout; here stdout carries only the product.
  if (settings.outputFile !== undefined) io.stderr.write(`Compliance report written to: ${pythonPathText(settings.outputFile)}\n`);
  return ExitCode.Success;
}

async function readReport(inputs: InputFile[], flags: ComplianceFlags, io: ComplianceIo): Promise<ComplianceReport> {
  const sources: ComplianceSource[] = inputs.map(({path}) => ({
    name: path === STDIN ? 'stdin' : path,
    records: readSource(path, io),
  }));
  try {
    return await buildComplianceReport(sources, {
      sourceFile: sourceFileLabel(flags.input),
      includeArtifacts: flags['include-artifacts'],
      lineage: flags.lineage,
    });
  } catch (error) {
    if (error instanceof ComplianceDataError) throw new CliError(error.message, ExitCode.CheckFailed, error.sourceLocation, {cause: error});
    throw error;
  }
}

/** One input's records; a read failure names the input as the user gave it. */
async function* readSource(path: string, io: ComplianceIo): AsyncGenerator<JsonlRecord> {
  try {
    yield* readTrailLines(path === STDIN ? STDIN : resolve(io.cwd, path), {stdin: io.stdin});
  } catch (error) {
    if (error instanceof JsonlSourceError) throw ioError(`cannot read: ${describeCode(error.code)}`, path === STDIN ? 'stdin' : path, error);
    throw error;
  }
}

function describeInvalidLines(report: ComplianceReport, io: ComplianceIo): void {
  const notes = report.invalidLines.slice(0, MAX_INVALID_NOTES);
  for (const line of notes) io.stderr.write(`aigc compliance export: ${line.source}:${line.line}: skipped: ${invalidText(line).replace(/; skipped$/, '')}\n`);
  const rest = report.invalidArtifacts - notes.length;
  if (rest > 0) io.stderr.write(`aigc compliance export: … and ${rest} more invalid line${rest === 1 ? '' : 's'} skipped\n`);
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

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a folder, not a JSONL file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

function describeCode(code: string): string {
  return SYSTEM_ERRORS[code] ?? `system error ${code}`;
}

function processIo(): ComplianceIo {
  return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd()};
}
