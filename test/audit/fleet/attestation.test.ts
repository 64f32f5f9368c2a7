// The fleet report's attestation: the same DSSE and in-toto Statement as a
// compliance export's, another predicate type; one verification accepts
// either and says which, each predicate's own verification only its own.
import {appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {attestFleetReport, FLEET_REPORT_PREDICATE_TYPE, type MergedSummary, verifyFleetAttestation} from '../../../src/audit/fleet/attestation.js';
import {mergeSummaries} from '../../../src/audit/fleet/merge.js';
import type {FileSummary} from '../../../src/audit/fleet/summary.js';
import {attestComplianceExport, COMPLIANCE_EXPORT_PREDICATE_TYPE, fileDigest, verifyComplianceAttestation} from '../../../src/audit/tlog/attestation.js';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../../src/audit/tlog/keys.js';
import {verifyAttestation} from '../../../src/audit/verify-attestation.js';

const log = generateNoteKeyPair('audit.example.com/payments');
const signer = parseSignerKey(log.signerKey);
const key = parseVerifierKey(log.verifierKey);
const folder = mkdtempSync(join(tmpdir(), 'aigc-fleet-attestation-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

const fileSummary = (file: string, checkpoint: FileSummary['checkpoint']): FileSummary => ({
  file,
  size: 10,
  sha256: 'a'.repeat(64),
  tree_size: 2,
  root_hash: 'cm9vdA==',
  checkpoint,
  signatures_checked: false,
  artifacts: 2,
  unreadable_lines: 0,
  problem_count: 0,
  problems: [],
  chains: [{chain_id: 'c', first_line: 1, last_line: 2, artifacts: 2, intact: 2, first_index: 0, first_previous: null, last_index: 1, last_checksum: 'x'}],
});

async function attestedFleet() {
  const dir = mkdtempSync(join(folder, 'fleet-'));
  const summaryFile = join(dir, 'a.summary.json');
  const summary = {aigc_verify_summary: '1', files: [fileSummary('a.jsonl', {tree_size: 2, root_matches: true})]};
  writeFileSync(summaryFile, JSON.stringify(summary));
  const merged: MergedSummary = {name: summaryFile, ...(await fileDigest(summaryFile)), summary};
  const report = mergeSummaries([summary]);
  const reportFile = join(dir, 'fleet.json');
  writeFileSync(reportFile, JSON.stringify(report));
  const attestation = await attestFleetReport({reportFile, report, summaries: [merged], generatedAt: '2026-01-02T03:04:05Z', signer});
  return {dir, reportFile, summaryFile, attestation};
}

describe('an attested fleet report', () => {
  it('is an in-toto Statement about the report, with the summaries, the trails as they say, the totals and the verdict', async () => {
    const {attestation, summaryFile} = await attestedFleet();
    expect(attestation.statement).toMatchObject({predicateType: FLEET_REPORT_PREDICATE_TYPE, subject: [{name: 'fleet.json'}]});
    expect(attestation.statement.predicate).toMatchObject({
      whole: true,
      totals: {files: 1, artifacts: 2, chains: 1, problems: 0},
      summaries: [{name: summaryFile, size: readFileSync(summaryFile).length}],
      trails: [{name: 'a.jsonl', size: 10, digest: {sha256: 'a'.repeat(64)}, treeSize: 2, rootHash: 'cm9vdA==', checkpoint: {treeSize: 2, rootMatches: true}}],
    });
  });

  it('verifies as a fleet report, and finds a file given that is not as attested', async () => {
    const {attestation, reportFile, dir} = await attestedFleet();
    const changed = join(dir, 'a.summary.json');
    expect((await verifyFleetAttestation(attestation.text, [key], reportFile, {inputs: [{file: changed}]})).inputsChecked).toEqual([changed]);
    appendFileSync(changed, ' ');
    await expect(verifyFleetAttestation(attestation.text, [key], reportFile, {inputs: [{file: changed}]})).rejects.toMatchObject({code: 'input-mismatch', file: changed});
    appendFileSync(reportFile, ' ');
    await expect(verifyFleetAttestation(attestation.text, [key], reportFile)).rejects.toMatchObject({code: 'subject-mismatch'});
  });

  it('is refused by the compliance verification, and a compliance export by the fleet one (malformed-envelope)', async () => {
    const fleet = await attestedFleet();
    await expect(verifyComplianceAttestation(fleet.attestation.text, [key], fleet.reportFile)).rejects.toMatchObject({code: 'malformed-envelope', message: expect.stringContaining(`not ${COMPLIANCE_EXPORT_PREDICATE_TYPE}`)});
    const exportFile = join(fleet.dir, 'report.json');
    writeFileSync(exportFile, '{}\n');
    const period = {start: null, end: null};
    const totals = {totalArtifacts: 0, passCount: 0, failCount: 0, invalidArtifacts: 0, complianceRate: 0};
    const exported = await attestComplianceExport({exportFile, inputs: [], reportVersion: '1.0', generatedAt: '2026-01-02T03:04:05Z', period, totals, signer});
    await expect(verifyFleetAttestation(exported.text, [key], exportFile)).rejects.toMatchObject({code: 'malformed-envelope'});
  });

  it('verifies with the one verification of either kind, which says which predicate it was', async () => {
    const fleet = await attestedFleet();
    expect((await verifyAttestation(fleet.attestation.text, [key], fleet.reportFile)).predicateType).toBe(FLEET_REPORT_PREDICATE_TYPE);
    const exportFile = join(fleet.dir, 'report.json');
    writeFileSync(exportFile, '{}\n');
    const totals = {totalArtifacts: 0, passCount: 0, failCount: 0, invalidArtifacts: 0, complianceRate: 0};
    const exported = await attestComplianceExport({exportFile, inputs: [], reportVersion: '1.0', generatedAt: '2026-01-02T03:04:05Z', period: {start: null, end: null}, totals, signer});
    expect((await verifyAttestation(exported.text, [key], exportFile)).predicateType).toBe(COMPLIANCE_EXPORT_PREDICATE_TYPE);
  });
});
