// Interop with an independent implementation: Go's golang.org/x/mod/sumdb/note
// and sumdb/tlog (test/interop/go/main.go, built by ./go-harness.ts against Debian's
// golang-golang-x-mod-dev sources, offline) check what aigc writes, and aigc
// checks what they write. Skipped, saying why, without Go or those sources.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCheckpoint} from '../../src/audit/tlog/checkpoint.js';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../src/audit/tlog/keys.js';
import {checkpointTrail, proveTrailConsistency, proveTrailLeaf, verifyTrailCheckpoints} from '../../src/audit/tlog/log.js';
import {syncTrailTiles} from '../../src/audit/tlog/tiles.js';
import {verifyConsistencyProofText, verifyInclusionProofText} from '../../src/audit/tlog/verify-proofs.js';
import {buildGoInterop, type GoRun, whyGoIsMissing} from './go-harness.js';

const skipped = whyGoIsMissing();
const work = mkdtempSync(join(tmpdir(), 'aigc-go-interop-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));
let go: GoRun;

function file(name: string, contents: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, contents);
  return path;
}

const ORIGIN = 'audit.example.com/payments';
const artifact = (n: number) => `{"audit_schema_version":"1.4","n":${n},"note":"café ☃ ${n * 7}"}`;

describe.skipIf(skipped !== null)(`interop with Go's sumdb/note and sumdb/tlog${skipped === null ? '' : ` (skipped: ${skipped})`}`, () => {
  const log = generateNoteKeyPair(ORIGIN);
  const logKey = parseSignerKey(log.signerKey);
  const pub = file('aigc.pub', `${log.verifierKey}\n`);
  const trail = join(work, 'trail.jsonl');
  const lines = Array.from({length: 70_000}, (_, n) => artifact(n));

  beforeAll(() => {
    go = buildGoInterop(work);
    // CRLF endings and blank lines are not part of any leaf: Go only ever sees leaves.
    writeFileSync(trail, lines.map((line, n) => `${line}${n % 97 === 0 ? '\r\n\n' : '\n'}`).join(''));
  }, 180_000);

  it("opens aigc's checkpoints with note.Open, and rejects a changed one", async () => {
    const {note, checkpoint} = await checkpointTrail(trail, logKey);
    const opened = go('verify-checkpoint', pub, file('cp', note));
    expect(opened).toEqual({ok: true, output: `ok ${ORIGIN} 70000 ${Buffer.from(checkpoint.root).toString('base64')}`});
    expect(go('verify-checkpoint', pub, file('cp-changed', note.replace('\n70000\n', '\n69999\n'))).ok).toBe(false);
  });

  it("checks aigc's inclusion proofs with tlog.CheckRecord, and rejects one for another leaf", async () => {
    const sizes = [1, 2, 3, 255, 256, 257, 1000, 65_536, 70_000];
    for (const size of sizes) {
      const {note} = await checkpointTrail(trail, logKey, {size});
      for (const index of new Set([0, Math.floor(size / 2), size - 1])) {
        const {proof} = await proveTrailLeaf(trail, note, {index});
        const proofFile = file(`proof-${size}-${index}`, proof);
        expect(go('check-inclusion', pub, proofFile, file('leaf', `${lines[index]}\n`)), `${index} of ${size}`).toEqual({ok: true, output: 'ok'});
        if (size > 1) expect(go('check-inclusion', pub, proofFile, file('leaf', `${lines[(index + 1) % size]}\n`)).ok).toBe(false);
      }
    }
  });

  it("checks aigc's consistency proofs with tlog.CheckTree, and rejects them between other trees", async () => {
    const pairs = [
      [1, 2],
      [3, 7],
      [256, 257],
      [255, 70_000],
      [1000, 65_536],
      [65_536, 70_000],
      [70_000, 70_000],
    ];
    for (const [oldSize, newSize] of pairs) {
      const older = (await checkpointTrail(trail, logKey, {size: oldSize})).note;
      const newer = (await checkpointTrail(trail, logKey, {size: newSize})).note;
      const {proof} = await proveTrailConsistency(trail, older, newer);
      const check = go('check-consistency', pub, file('old', older), file('new', newer), file('consistency', proof));
      expect(check, `${oldSize} -> ${newSize}`).toEqual({ok: true, output: 'ok'});
    }
    const older = (await checkpointTrail(trail, logKey, {size: 10})).note;
    const other = (await checkpointTrail(trail, logKey, {size: 11})).note;
    const newer = (await checkpointTrail(trail, logKey, {size: 100})).note;
    const {proof} = await proveTrailConsistency(trail, other, newer);
    expect(go('check-consistency', pub, file('old', older), file('new', newer), file('consistency', proof.replace('old 11', 'old 10'))).ok).toBe(false);
  });

  it("reads aigc's tile store with tlog.TileHashReader and gets the checkpoint's root", async () => {
    const {note} = await checkpointTrail(trail, logKey);
    const {store} = await syncTrailTiles(trail);
    expect(go('check-tiles', pub, file('cp', note), store.dir)).toEqual({ok: true, output: 'ok'});
  });

  it('verifies the checkpoints, inclusion and consistency proofs Go wrote', async () => {
    const dir = mkdtempSync(join(work, 'from-go-'));
    const indexes = [0, 1, 500, 998, 999];
    expect(go('make-log', 'go.example/log', dir, '1000', '333', ...indexes.map(String))).toEqual({ok: true, output: 'ok'});
    const goKey = parseVerifierKey(readFileSync(join(dir, 'go.pub'), 'utf8').trim());
    const newer = readFileSync(join(dir, 'go-new.checkpoint'), 'utf8');
    const older = readFileSync(join(dir, 'go-old.checkpoint'), 'utf8');
    expect(openCheckpoint(newer, [goKey]).checkpoint).toMatchObject({origin: 'go.example/log', size: 1000});
    const goTrail = join(dir, 'go-trail.jsonl');
    const report = await verifyTrailCheckpoints(
      goTrail,
      [
        {note: older, source: 'old'},
        {note: newer, source: 'new'},
      ],
      [goKey],
    );
    expect(report.results.map((result) => result.ok)).toEqual([true, true]);
    const goLines = readFileSync(goTrail, 'utf8').split('\n');
    for (const index of indexes) {
      const proof = readFileSync(join(dir, `go-proof-${index}.tlog-proof`), 'utf8');
      expect(verifyInclusionProofText(proof, goLines[index], [goKey]).index).toBe(index);
      expect(() => verifyInclusionProofText(proof, goLines[index + 1] || goLines[0], [goKey])).toThrow(expect.objectContaining({code: 'root-mismatch'}));
    }
    const consistency = readFileSync(join(dir, 'go-consistency.txt'), 'utf8');
    expect(verifyConsistencyProofText(consistency, {old: older, new: newer}, [goKey]).oldSize).toBe(333);
    expect((await proveTrailConsistency(goTrail, older, newer)).proof).toBe(consistency);
  });
});
