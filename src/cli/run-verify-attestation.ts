// `aigc compliance verify-attestation ENVELOPE --pubkey PREFIX.pub FILE [-i FILE…]`:
// the attestation of a compliance export or a fleet report checked with only
// the public key.
import {stat} from 'node:fs/promises';
import {basename, resolve} from 'node:path';
import {FLEET_REPORT_PREDICATE_TYPE} from '../audit/fleet/attestation.js';
import {TlogError} from '../audit/tlog/errors.js';
import {verifyAttestation} from '../audit/verify-attestation.js';
import type {CommandIo} from './command-io.js';
import {CliError, ExitCode, ioError} from './exit-codes.js';
import {writeReport} from './output.js';
import {reportSettings} from './report-settings.js';
import {ATTESTATION_CHECK_FORMATS} from './reporters/attestation-check/formats.js';
import {ATTESTATION_CHECK_REPORTERS, type AttestationCheckReport} from './reporters/attestation-check/index.js';
import type {COMPLIANCE_VERIFY_ATTESTATION} from './specs/compliance-verify-attestation.js';
import type {FlagValues} from './start/spec.js';
import {readErrorText} from './system-errors.js';
import {readSmallFile, tlogCliError, verifierKeysOf} from './tlog-files.js';

export type VerifyAttestationFlags = FlagValues<(typeof COMPLIANCE_VERIFY_ATTESTATION)['flags']>;

export async function runVerifyAttestation(envelopeFile: string, exportFile: string, flags: VerifyAttestationFlags, io: CommandIo): Promise<number> {
  const keys = await verifierKeysOf(flags.pubkey, io);
  const envelope = await readSmallFile(envelopeFile, 'attestation', io);
  const inputs = flags.input ?? [];
  for (const file of [exportFile, ...inputs]) await checkFile(file, io);
  const empty: AttestationCheckReport = {envelope: envelopeFile, export: exportFile, ok: false, failure: null, sha256: null, signedBy: [], predicateType: null, predicate: null, inputsChecked: [], checkpoints: []};
  let report: AttestationCheckReport;
  try {
    // Paths as given (the process's folder is io.cwd), so failures name the files as the user did.
    const verified = await verifyAttestation(envelope, keys, exportFile, {
      subjectName: basename(exportFile),
      inputs: inputs.map((file) => ({file, name: file})),
      logKeys: keys,
    });
    const attested =
      verified.predicateType === FLEET_REPORT_PREDICATE_TYPE
        ? ({predicateType: verified.predicateType, predicate: verified.statement.predicate} as const)
        : ({predicateType: verified.predicateType, predicate: verified.statement.predicate} as const);
    report = {
      ...empty,
      ...attested,
      ok: true,
      sha256: verified.statement.subject.find((subject) => subject.name === basename(exportFile))?.digest.sha256 ?? null,
      signedBy: verified.signedBy.map((key) => key.verifierKey),
      inputsChecked: verified.inputsChecked,
      checkpoints: verified.predicateType === FLEET_REPORT_PREDICATE_TYPE ? [] : verified.checkpoints,
    };
  } catch (error) {
    if (!(error instanceof TlogError)) throw error;
    if (error.code === 'malformed-key') throw tlogCliError(error, envelopeFile);
    report = {...empty, failure: {code: error.code, message: error.message}};
  }
  const settings = reportSettings(flags, ATTESTATION_CHECK_FORMATS, io.stdout, io.env);
  const text = (await ATTESTATION_CHECK_REPORTERS[settings.format]())(report, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  return report.ok ? ExitCode.Success : ExitCode.CheckFailed;
}

/** The export and the inputs must be readable files, or exit 3 before anything is checked. */
async function checkFile(file: string, io: CommandIo): Promise<void> {
  try {
    if (!(await stat(resolve(io.cwd, file))).isFile()) throw ioError('cannot read it: it is not a file', file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw ioError(`cannot read it: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
}
