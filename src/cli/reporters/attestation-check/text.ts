// The plain format: the verdict on the export, then one line per input trail
// (checked against its file or not, its checkpoint verified or not, by which
// key, and what the exporter recorded of its integrity), then the period, date and totals attested; or the failure's code and
// reason.
import type {AttestedIntegrity, InputCheckpointStatus} from '../../../audit/tlog/attestation.js';
import {verifierKeyLabel} from '../../../audit/tlog/keys.js';
import type {AttestationCheckReport, AttestationCheckReporter} from './types.js';

export const textReporter: AttestationCheckReporter = (report: AttestationCheckReport): string => {
  if (!report.ok) return `${report.envelope}: FAILED: ${report.failure!.code}: ${report.failure!.message}\n`;
  const predicate = report.predicate!;
  const lines = [`${report.envelope}: verified: ${report.export} is the attested export (SHA-256 ${report.sha256}), signed by ${report.signedBy.map(verifierKeyLabel).join(', ')}`];
  for (const input of predicate.inputs) {
    const file = report.inputsChecked.includes(input.name) ? `unchanged (${input.size} bytes)` : 'not checked (give it with -i)';
    const status = report.checkpoints.find((checkpoint) => checkpoint.name === input.name);
    const atExport = input.integrity === undefined ? '' : `; at export: ${integrityText(input.integrity)}`;
    lines.push(`  input ${input.name}: ${file}; ${checkpointText(status)}${atExport}`);
  }
  const {period, totals} = predicate;
  lines.push(`  period ${period.start ?? '-'} to ${period.end ?? '-'}, report of ${predicate.generatedAt}`);
  lines.push(`  ${totals.totalArtifacts} artifacts: ${totals.passCount} PASS, ${totals.failCount} FAIL, ${totals.invalidArtifacts} invalid; compliance rate ${totals.complianceRate}%`);
  return `${lines.join('\n')}\n`;
};

/** What the exporter recorded of the input's integrity (its claim; the checkpoint above is checked here). */
function integrityText(integrity: AttestedIntegrity): string {
  const chain = integrity.chain === 'failed' ? `chain failed (${integrity.chainProblem ?? 'a problem'})` : `chain ${integrity.chain}`;
  const signatures = integrity.signaturesChecked ? ' with its signatures' : '';
  const checkpoint = integrity.checkpoint === 'failed' ? `checkpoint failed (${integrity.checkpointProblem ?? 'a problem'})` : `checkpoint ${integrity.checkpoint}`;
  return `${chain}${signatures}, ${checkpoint}`;
}

function checkpointText(status: InputCheckpointStatus | undefined): string {
  if (status === undefined || status.status === 'none') return 'no checkpoint';
  if (status.status === 'verified') return `checkpoint of ${status.checkpoint!.size} leaves verified (signed by ${verifierKeyLabel(status.logKey!)})`;
  return `checkpoint not verified${status.code === undefined ? '' : ` (${status.code})`}`;
}
