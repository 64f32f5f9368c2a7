// The plain format: the verdict on the attested file, then, for a compliance
// export, one line per input trail (checked against its file or not, its
// checkpoint verified or not, by which key, and what the exporter recorded of
// its integrity), the period, date and totals; for a fleet report, one line
// per summary and per trail file, then the totals and whether the fleet is
// whole; or the failure's code and reason.
import {FLEET_REPORT_PREDICATE_TYPE, type FleetReportPredicate} from '../../../audit/fleet/attestation.js';
import type {AttestedIntegrity, ComplianceExportPredicate, InputCheckpointStatus} from '../../../audit/tlog/attestation.js';
import {verifierKeyLabel} from '../../../audit/tlog/keys.js';
import type {AttestationCheckReport, AttestationCheckReporter} from './types.js';

export const textReporter: AttestationCheckReporter = (report: AttestationCheckReport): string => {
  if (!report.ok || report.predicateType === null) return `${report.envelope}: FAILED: ${report.failure!.code}: ${report.failure!.message}\n`;
  const kind = report.predicateType === FLEET_REPORT_PREDICATE_TYPE ? 'fleet report' : 'export';
  const lines = [`${report.envelope}: verified: ${report.export} is the attested ${kind} (SHA-256 ${report.sha256}), signed by ${report.signedBy.map(verifierKeyLabel).join(', ')}`];
  if (report.predicateType === FLEET_REPORT_PREDICATE_TYPE) lines.push(...fleetLines(report.predicate, report.inputsChecked));
  else lines.push(...exportLines(report.predicate, report));
  return `${lines.join('\n')}\n`;
};

function exportLines(predicate: ComplianceExportPredicate, report: AttestationCheckReport): string[] {
  const lines: string[] = [];
  for (const input of predicate.inputs) {
    const file = report.inputsChecked.includes(input.name) ? `unchanged (${input.size} bytes)` : 'not checked (give it with -i)';
    const status = report.checkpoints.find((checkpoint) => checkpoint.name === input.name);
    const atExport = input.integrity === undefined ? '' : `; at export: ${integrityText(input.integrity)}`;
    lines.push(`  input ${input.name}: ${file}; ${checkpointText(status)}${atExport}`);
  }
  const {period, totals} = predicate;
  lines.push(`  period ${period.start ?? '-'} to ${period.end ?? '-'}, report of ${predicate.generatedAt}`);
  lines.push(`  ${totals.totalArtifacts} artifacts: ${totals.passCount} PASS, ${totals.failCount} FAIL, ${totals.invalidArtifacts} invalid; compliance rate ${totals.complianceRate}%`);
  return lines;
}

function fleetLines(predicate: FleetReportPredicate, checked: readonly string[]): string[] {
  const file = (name: string, size: number) => (checked.includes(name) ? `unchanged (${size} bytes)` : 'not checked (give it with -i)');
  const lines = predicate.summaries.map((summary) => `  summary ${summary.name}: ${file(summary.name, summary.size)}`);
  for (const trail of predicate.trails) {
    const checkpoint = trail.checkpoint === null ? 'no checkpoint' : `checkpoint of ${trail.checkpoint.treeSize} leaves ${trail.checkpoint.rootMatches ? 'matched' : 'did not match'}`;
    lines.push(`  trail ${trail.name} (per ${trail.summary}): ${file(trail.name, trail.size)}; log of ${trail.treeSize} leaves; ${checkpoint}`);
  }
  const {totals} = predicate;
  const verdict = predicate.whole ? 'whole' : `not whole: ${totals.problems} problem${totals.problems === 1 ? '' : 's'}`;
  lines.push(`  ${totals.files} files, ${totals.chains} chains, ${totals.artifacts} artifacts: ${verdict}; report of ${predicate.generatedAt}`);
  return lines;
}

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
