// Attested compliance exports: DSSE (PAE as the spec's test vector has it)
// around an in-toto Statement v1, and every change to the export or an input
// detected.
import {appendFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  attestComplianceExport,
  COMPLIANCE_EXPORT_PREDICATE_TYPE,
  DSSE_PAYLOAD_TYPE_IN_TOTO,
  type DsseEnvelope,
  dssePae,
  IN_TOTO_STATEMENT_V1,
  openDsseEnvelope,
  signDsseEnvelope,
  verifyComplianceAttestation,
} from '../../../src/audit/tlog/attestation.js';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../../src/audit/tlog/keys.js';
import {updateTrailCheckpoint} from '../../../src/audit/tlog/log.js';

const log = generateNoteKeyPair('audit.example.com/payments');
const signer = parseSignerKey(log.signerKey);
const key = parseVerifierKey(log.verifierKey);
const folder = mkdtempSync(join(tmpdir(), 'aigc-attest-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

async function exported() {
  const dir = mkdtempSync(join(folder, 'export-'));
  const trail = join(dir, 'trail.jsonl');
  const other = join(dir, 'other.jsonl');
  writeFileSync(trail, '{"n": 1}\n{"n": 2}\n');
  writeFileSync(other, '{"n": 3}\n');
  await updateTrailCheckpoint(trail, signer);
  const exportFile = join(dir, 'report.json');
  writeFileSync(exportFile, '{"total_artifacts": 3}\n');
  const attestation = await attestComplianceExport({
    exportFile,
    inputs: [{file: trail}, {file: other}],
    reportVersion: '1.0',
    generatedAt: '2026-01-02T03:04:05Z',
    period: {start: '2025-12-01T00:00:00Z', end: '2025-12-31T23:59:59Z'},
    totals: {totalArtifacts: 3, passCount: 2, failCount: 1, invalidArtifacts: 0, complianceRate: 66.67},
    signer,
  });
  return {dir, trail, other, exportFile, attestation};
}

describe('DSSE', () => {
  it('signs the pre-authentication encoding of the spec’s test vector', () => {
    expect(dssePae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('names the signer by its verifier key and verifies with it', () => {
    const envelope = signDsseEnvelope('application/example', Buffer.from('payload'), [signer]);
    expect(envelope.signatures[0].keyid).toBe(log.verifierKey);
    expect(openDsseEnvelope(envelope, [key]).payload.toString()).toBe('payload');
  });

  it('accepts URL-safe base64 and signatures without a keyid', () => {
    const envelope = signDsseEnvelope('application/example', Buffer.from('??>>payload<<??'), [signer]);
    const urlSafe: DsseEnvelope = {
      ...envelope,
      payload: Buffer.from(envelope.payload, 'base64').toString('base64url'),
      signatures: [{keyid: '', sig: Buffer.from(envelope.signatures[0].sig, 'base64').toString('base64url')}],
    };
    expect(openDsseEnvelope(urlSafe, [key]).payload.toString()).toBe('??>>payload<<??');
  });

  it('fails with bad-signature when the payload or its type changed, unknown-key for another key', () => {
    const envelope = signDsseEnvelope('application/example', Buffer.from('payload'), [signer]);
    expect(() => openDsseEnvelope({...envelope, payload: Buffer.from('pay1oad').toString('base64')}, [key])).toThrow(expect.objectContaining({code: 'bad-signature'}));
    expect(() => openDsseEnvelope({...envelope, payloadType: 'application/other'}, [key])).toThrow(expect.objectContaining({code: 'bad-signature'}));
    expect(() => openDsseEnvelope(envelope, [parseVerifierKey(generateNoteKeyPair('x.example/k').verifierKey)])).toThrow(expect.objectContaining({code: 'unknown-key'}));
  });

  it('fails with malformed-envelope on what is not an envelope', () => {
    for (const text of ['', '[]', '{"payload": 1}', '{"payload": "", "payloadType": "t", "signatures": []}', '{"payload": "!!", "payloadType": "t", "signatures": [{"sig": ""}]}']) {
      expect(() => openDsseEnvelope(text, [key])).toThrow(expect.objectContaining({code: 'malformed-envelope'}));
    }
  });
});

describe('an attested compliance export', () => {
  it('is an in-toto Statement v1 about the export, with its inputs, their checkpoints, the period and the totals', async () => {
    const {attestation, trail, other} = await exported();
    const {statement, envelope} = attestation;
    expect(envelope.payloadType).toBe(DSSE_PAYLOAD_TYPE_IN_TOTO);
    expect(JSON.parse(Buffer.from(envelope.payload, 'base64').toString())).toEqual(statement);
    expect(statement._type).toBe(IN_TOTO_STATEMENT_V1);
    expect(statement.predicateType).toBe(COMPLIANCE_EXPORT_PREDICATE_TYPE);
    expect(statement.subject).toEqual([{name: 'report.json', digest: {sha256: expect.stringMatching(/^[0-9a-f]{64}$/)}}]);
    expect(statement.predicate.inputs.map((input) => [input.name, input.size, input.checkpoint !== null])).toEqual([
      [trail, 18, true],
      [other, 9, false],
    ]);
    expect(statement.predicate).toMatchObject({reportVersion: '1.0', generatedAt: '2026-01-02T03:04:05Z', period: {start: '2025-12-01T00:00:00Z'}, totals: {passCount: 2}});
  });

  it('verifies against the key, the export and its inputs, and reports each input’s checkpoint', async () => {
    const {attestation, exportFile, trail, other} = await exported();
    const result = await verifyComplianceAttestation(attestation.text, [key], exportFile, {inputs: [{file: trail}, {file: other}], logKeys: [key]});
    expect(result.inputsChecked).toEqual([trail, other]);
    expect(result.checkpoints.map((checkpoint) => checkpoint.status)).toEqual(['verified', 'none']);
    expect(result.checkpoints[0].logKey).toBe(log.verifierKey);
  });

  it('fails with subject-mismatch when the export changed or is another file', async () => {
    const {attestation, exportFile, dir} = await exported();
    appendFileSync(exportFile, ' ');
    await expect(verifyComplianceAttestation(attestation.text, [key], exportFile)).rejects.toMatchObject({code: 'subject-mismatch'});
    const renamed = join(dir, 'renamed.json');
    writeFileSync(renamed, '{"total_artifacts": 3}\n');
    await expect(verifyComplianceAttestation(attestation.text, [key], renamed)).rejects.toMatchObject({code: 'subject-mismatch'});
    expect((await verifyComplianceAttestation(attestation.text, [key], renamed, {subjectName: 'report.json'})).signedBy).toHaveLength(1);
  });

  it('fails with input-mismatch when an input changed or was not attested', async () => {
    const {attestation, exportFile, trail, dir} = await exported();
    appendFileSync(trail, '{"n": 4}\n');
    await expect(verifyComplianceAttestation(attestation.text, [key], exportFile, {inputs: [{file: trail}]})).rejects.toMatchObject({code: 'input-mismatch', file: trail});
    const stranger = join(dir, 'stranger.jsonl');
    writeFileSync(stranger, '');
    await expect(verifyComplianceAttestation(attestation.text, [key], exportFile, {inputs: [{file: stranger}]})).rejects.toMatchObject({code: 'input-mismatch'});
  });

  it('fails with bad-signature when the statement in the envelope was changed', async () => {
    const {attestation, exportFile} = await exported();
    const statement = {...attestation.statement, predicate: {...attestation.statement.predicate, totals: {...attestation.statement.predicate.totals, failCount: 0}}};
    const forged = {...attestation.envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64')};
    await expect(verifyComplianceAttestation(JSON.stringify(forged), [key], exportFile)).rejects.toMatchObject({code: 'bad-signature'});
  });

  it('fails with malformed-envelope when the signed payload is not our statement', async () => {
    const {exportFile} = await exported();
    const other = signDsseEnvelope(DSSE_PAYLOAD_TYPE_IN_TOTO, Buffer.from(JSON.stringify({_type: IN_TOTO_STATEMENT_V1, subject: [], predicateType: 'https://slsa.dev/provenance/v1'})), [signer]);
    await expect(verifyComplianceAttestation(JSON.stringify(other), [key], exportFile)).rejects.toMatchObject({code: 'malformed-envelope'});
  });
});
