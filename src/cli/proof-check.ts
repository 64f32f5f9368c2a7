// The verdict of an offline proof check (`chain verify-proof`,
// `chain verify-consistency`) as the report its reporters take, written in the
// chosen format; exit 0 when verified, 1 when not.
import type {OpenedCheckpoint} from '../audit/tlog/checkpoint.js';
import {encodeBase64} from '../audit/tlog/encoding.js';
import {TlogError} from '../audit/tlog/errors.js';
import type {Cosignature} from '../audit/tlog/witness.js';
import type {CommandIo} from './command-io.js';
import {ExitCode} from './exit-codes.js';
import {writeReport} from './output.js';
import {type ReportFlagValues, reportSettings} from './report-settings.js';
import {PROOF_CHECK_FORMATS} from './reporters/proof-check/formats.js';
import {PROOF_CHECK_REPORTERS, type ProofCheckReport} from './reporters/proof-check/index.js';
import {tlogCliError} from './tlog-files.js';

export interface ProofVerdict {
  checkpoint: OpenedCheckpoint;
  cosignatures: Cosignature[];
  index?: number;
  oldSize?: number;
}

/** Runs the check; a `TlogError` it throws is the verdict "not verified" (a bad key or state file still stops the command). */
export async function checkProof(kind: ProofCheckReport['kind'], proof: string, check: () => ProofVerdict, flags: ReportFlagValues, io: CommandIo): Promise<number> {
  let report: ProofCheckReport;
  try {
    report = verifiedReport(kind, proof, check());
  } catch (error) {
    if (!(error instanceof TlogError)) throw error;
    if (error.code === 'malformed-key' || error.code === 'invalid-quorum') throw tlogCliError(error, proof);
    report = {...emptyReport(kind, proof), failure: {code: error.code, message: error.message}};
  }
  const settings = reportSettings(flags, PROOF_CHECK_FORMATS, io.stdout, io.env);
  const text = (await PROOF_CHECK_REPORTERS[settings.format]())(report, {color: settings.color, cwd: io.cwd});
  await writeReport(text, {outputFile: settings.outputFile, stdout: io.stdout, cwd: io.cwd});
  return report.ok ? ExitCode.Success : ExitCode.CheckFailed;
}

function emptyReport(kind: ProofCheckReport['kind'], proof: string): ProofCheckReport {
  return {kind, proof, ok: false, failure: null, origin: null, size: null, root: null, index: null, oldSize: null, logKey: null, witnesses: []};
}

function verifiedReport(kind: ProofCheckReport['kind'], proof: string, verdict: ProofVerdict): ProofCheckReport {
  const {checkpoint} = verdict.checkpoint;
  return {
    ...emptyReport(kind, proof),
    ok: true,
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    index: verdict.index ?? null,
    oldSize: verdict.oldSize ?? null,
    logKey: verdict.checkpoint.logKey.verifierKey,
    witnesses: verdict.cosignatures.map(({witness, timestamp}) => ({name: witness.name, key: witness.verifierKey, timestamp})),
  };
}
