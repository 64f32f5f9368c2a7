// Witnesses: cosigning only what extends what they cosigned before (the
// checks of tlog-witness add-checkpoint, file-based), and K-of-N quorums.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../../src/audit/tlog/keys.js';
import {checkpointTrail, proveTrailConsistency, proveTrailLeaf} from '../../../src/audit/tlog/log.js';
import {verifyInclusionProofText} from '../../../src/audit/tlog/verify-proofs.js';
import {cosignCheckpoint, verifyCosignatures} from '../../../src/audit/tlog/witness.js';

const ORIGIN = 'audit.example.com/payments';
const log = generateNoteKeyPair(ORIGIN);
const logKey = parseSignerKey(log.signerKey);
const logPub = parseVerifierKey(log.verifierKey);
const witnesses = ['w1', 'w2', 'w3'].map((name) => generateNoteKeyPair(`witness.example/${name}`, 'cosignature/v1'));
const witnessKeys = witnesses.map((pair) => parseSignerKey(pair.signerKey));
const witnessPubs = witnesses.map((pair) => parseVerifierKey(pair.verifierKey));
const folder = mkdtempSync(join(tmpdir(), 'aigc-witness-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));
let runs = 0;

const artifact = (n: number) => `{"n": ${n}}`;

/** A trail growing from 0 to 100 to 250 leaves, its checkpoints and the proofs between them. */
async function growingLog() {
  const dir = join(folder, `run-${runs++}`);
  mkdirSync(dir);
  const trail = join(dir, 'trail.jsonl');
  const write = (count: number) => writeFileSync(trail, Array.from({length: count}, (_, n) => `${artifact(n)}\n`).join(''));
  write(100);
  const first = (await checkpointTrail(trail, logKey)).note;
  write(250);
  const second = (await checkpointTrail(trail, logKey)).note;
  return {
    dir,
    trail,
    first,
    second,
    fromEmpty: (await proveTrailConsistency(trail, null, first)).proof,
    firstToSecond: (await proveTrailConsistency(trail, first, second)).proof,
    emptyToSecond: (await proveTrailConsistency(trail, null, second)).proof,
  };
}

const options = (dir: string, witness = 0, now = 1700000000) => ({witnessKey: witnessKeys[witness], logKeys: [logPub], statePath: join(dir, `w${witness + 1}.state`), now});

describe('a witness', () => {
  it('cosigns a first checkpoint, then each one that extends it, keeping the last in its state', async () => {
    const run = await growingLog();
    const first = await cosignCheckpoint(run.fromEmpty, options(run.dir));
    expect(first).toMatchObject({origin: ORIGIN, oldSize: 0, size: 100});
    expect(first.cosignature).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/]+=*\n$/);
    expect(first.checkpoint).toBe(`${run.first}${first.cosignature}`);
    expect(readFileSync(join(run.dir, 'w1.state'), 'utf8')).toBe(first.checkpoint);
    const second = await cosignCheckpoint(run.firstToSecond, options(run.dir, 0, 1700000100));
    expect(second.oldSize).toBe(100);
    expect(verifyCosignatures(second.checkpoint, [witnessPubs[0]])[0].timestamp).toBe(1700000100);
  });

  it('refuses a proof from another size than the one it last cosigned, saying which (witness-conflict)', async () => {
    const run = await growingLog();
    await cosignCheckpoint(run.fromEmpty, options(run.dir));
    await expect(cosignCheckpoint(run.emptyToSecond, options(run.dir))).rejects.toMatchObject({code: 'witness-conflict', expected: 100, found: 0});
  });

  it('refuses a checkpoint that does not extend the one it cosigned, and keeps its state', async () => {
    const run = await growingLog();
    await cosignCheckpoint(run.fromEmpty, options(run.dir));
    const state = readFileSync(join(run.dir, 'w1.state'), 'utf8');
    writeFileSync(run.trail, Array.from({length: 250}, (_, n) => `${n === 7 ? '{"n": "rewritten"}' : artifact(n)}\n`).join(''));
    const forgedFirst = (await checkpointTrail(run.trail, logKey, {size: 100})).note;
    const rewritten = (await checkpointTrail(run.trail, logKey)).note;
    const forgedProof = (await proveTrailConsistency(run.trail, forgedFirst, rewritten)).proof;
    await expect(cosignCheckpoint(forgedProof, options(run.dir))).rejects.toMatchObject({code: 'inconsistent-trees'});
    expect(readFileSync(join(run.dir, 'w1.state'), 'utf8')).toBe(state);
  });

  it('refuses a checkpoint not signed by a log key it trusts', async () => {
    const run = await growingLog();
    const other = parseVerifierKey(generateNoteKeyPair(ORIGIN).verifierKey);
    await expect(cosignCheckpoint(run.fromEmpty, {...options(run.dir), logKeys: [other]})).rejects.toMatchObject({code: 'unknown-key'});
    expect(existsSync(join(run.dir, 'w1.state'))).toBe(false);
  });

  it('refuses a state it did not cosign, or of another log', async () => {
    const run = await growingLog();
    await cosignCheckpoint(run.fromEmpty, options(run.dir));
    writeFileSync(join(run.dir, 'w2.state'), readFileSync(join(run.dir, 'w1.state')));
    await expect(cosignCheckpoint(run.firstToSecond, options(run.dir, 1))).rejects.toMatchObject({code: 'witness-state'});
    const otherLog = parseSignerKey(generateNoteKeyPair('other.example/log').signerKey);
    const otherTrail = join(run.dir, 'other.jsonl');
    writeFileSync(otherTrail, '{"n": 0}\n');
    const otherCheckpoint = (await checkpointTrail(otherTrail, otherLog)).note;
    const otherProof = (await proveTrailConsistency(otherTrail, null, otherCheckpoint)).proof;
    await expect(cosignCheckpoint(otherProof, {...options(run.dir), logKeys: [logPub, parseVerifierKey(otherLog.verifierKey)]})).rejects.toMatchObject({code: 'witness-state'});
  });

  it('only cosigns with a witness key', async () => {
    const run = await growingLog();
    await expect(cosignCheckpoint(run.fromEmpty, {...options(run.dir), witnessKey: logKey})).rejects.toMatchObject({code: 'malformed-key'});
  });
});

describe('a quorum of witnesses', () => {
  it('is met by K of N cosignatures and not by fewer', async () => {
    const run = await growingLog();
    const byFirst = await cosignCheckpoint(run.fromEmpty, options(run.dir, 0));
    const bySecond = await cosignCheckpoint(run.fromEmpty, options(run.dir, 1));
    const both = `${byFirst.checkpoint}${bySecond.cosignature}`;
    expect(verifyCosignatures(byFirst.checkpoint, witnessPubs, 1)).toHaveLength(1);
    expect(verifyCosignatures(both, witnessPubs, 2).map((cosignature) => cosignature.witness.name)).toEqual(['witness.example/w1', 'witness.example/w2']);
    expect(() => verifyCosignatures(both, witnessPubs, 3)).toThrow(expect.objectContaining({code: 'quorum-not-met', expected: 3, found: 2}));
    expect(() => verifyCosignatures(both, witnessPubs)).toThrow(expect.objectContaining({code: 'quorum-not-met'}));
    expect(() => verifyCosignatures(both, witnessPubs, 4)).toThrow(expect.objectContaining({code: 'invalid-quorum'}));
    expect(() => verifyCosignatures(both, witnessPubs, 0)).toThrow(expect.objectContaining({code: 'invalid-quorum'}));
  });

  it('counts a witness once however many of its cosignatures a checkpoint carries', async () => {
    const run = await growingLog();
    const cosigned = await cosignCheckpoint(run.fromEmpty, options(run.dir, 0));
    expect(() => verifyCosignatures(`${cosigned.checkpoint}${cosigned.cosignature}`, witnessPubs, 2)).toThrow(expect.objectContaining({code: 'quorum-not-met'}));
  });

  it('is checked on the checkpoint a proof carries', async () => {
    const run = await growingLog();
    const cosigned = (await cosignCheckpoint(run.fromEmpty, options(run.dir))).checkpoint;
    const {proof} = await proveTrailLeaf(run.trail, cosigned, {index: 42});
    expect(verifyInclusionProofText(proof, artifact(42), [logPub], {witnesses: witnessPubs, quorum: 1}).cosignatures).toHaveLength(1);
    expect(() => verifyInclusionProofText(proof, artifact(42), [logPub], {witnesses: witnessPubs, quorum: 2})).toThrow(expect.objectContaining({code: 'quorum-not-met'}));
  });

  it('fails on a cosignature that does not verify', async () => {
    const run = await growingLog();
    const cosigned = (await cosignCheckpoint(run.fromEmpty, options(run.dir))).checkpoint;
    const line = cosigned.split('\n').at(-2)!;
    const bytes = Buffer.from(line.split(' ')[2], 'base64');
    bytes[20] ^= 1;
    const tampered = cosigned.replace(line, `— witness.example/w1 ${bytes.toString('base64')}`);
    expect(() => verifyCosignatures(tampered, witnessPubs, 1)).toThrow(expect.objectContaining({code: 'bad-signature'}));
  });
});
