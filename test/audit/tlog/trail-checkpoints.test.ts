// A writer's checkpoints: after the batch that brings N artifacts since the
// last one, and at the end of the run, each of the trail as its batch left it.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openCheckpoint} from '../../../src/audit/tlog/checkpoint.js';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../../src/audit/tlog/keys.js';
import {TrailCheckpointer} from '../../../src/audit/tlog/trail-checkpoints.js';
import {TrailWriter} from '../../../src/audit/trail-writer.js';

const pair = generateNoteKeyPair('audit.example.com/writer');
const logKey = parseSignerKey(pair.signerKey);
const verifier = parseVerifierKey(pair.verifierKey);
const dir = mkdtempSync(join(tmpdir(), 'aigc-trail-checkpoints-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const checkpointSize = (trail: string): number | null =>
  existsSync(`${trail}.checkpoint`) ? openCheckpoint(readFileSync(`${trail}.checkpoint`), [verifier]).checkpoint.size : null;

describe('TrailCheckpointer', () => {
  it('checkpoints after the batch that brings N artifacts, then at the end what no batch did', async () => {
    const trail = join(dir, 'every.jsonl');
    const checkpointer = new TrailCheckpointer(trail, logKey, {every: 3});
    const writer = new TrailWriter(trail, {durability: 'none', afterBatch: checkpointer.afterBatch});
    const sizes: (number | null)[] = [];
    for (const batch of [[1], [2], [3], [4, 5], [6, 7, 8, 9], [10]]) {
      await writer.commit(batch.map((n) => ({n})));
      sizes.push(checkpointSize(trail));
    }
    expect(sizes).toEqual([null, null, 3, 3, 9, 9]);
    await checkpointer.finish();
    expect(checkpointSize(trail)).toBe(10);
  });

  it('checkpoints every batch once the writer is closing, leaving nothing for the end', async () => {
    const trail = join(dir, 'closing.jsonl');
    const checkpointer = new TrailCheckpointer(trail, logKey);
    const writer = new TrailWriter(trail, {durability: 'none', afterBatch: checkpointer.afterBatch});
    await writer.commit([{n: 1}]);
    expect(checkpointSize(trail)).toBeNull();
    checkpointer.closingBatches();
    await writer.commit([{n: 2}]);
    expect(checkpointSize(trail)).toBe(2);
    await checkpointer.finish();
    expect(checkpointer.last?.checkpoint.size).toBe(2);
  });

  it('keeps appending when a checkpoint cannot be written, and says so at the end', async () => {
    const trail = join(dir, 'blocked.jsonl');
    // A folder where the checkpoint file should be: it cannot be replaced.
    mkdirSync(`${trail}.checkpoint`);
    const warnings: string[] = [];
    const checkpointer = new TrailCheckpointer(trail, logKey, {every: 1, warn: (message) => warnings.push(message)});
    const writer = new TrailWriter(trail, {durability: 'none', afterBatch: checkpointer.afterBatch});
    await writer.commit([{n: 1}]);
    await writer.commit([{n: 2}]);
    expect(readFileSync(trail, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(warnings).toEqual([expect.stringMatching(/^cannot write the checkpoint .*blocked\.jsonl\.checkpoint: .*; the artifacts go on being appended$/)]);
    await expect(checkpointer.finish()).rejects.toMatchObject({code: expect.stringMatching(/^E/)});
  });
});
