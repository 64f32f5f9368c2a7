// Group commit as its callers see it: batches in input order, each reported
// only once its bytes are written and synced (the file system's calls are
// watched here), the durability choices, the time bound, and failures.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it, vi} from 'vitest';
import {verifyChain} from '../../src/audit/chain.js';
import {GroupCommit} from '../../src/audit/group-commit.js';
import type {Durability} from '../../src/audit/durability.js';
import {type TrailBatch, TrailWriter} from '../../src/audit/trail-writer.js';
import {parseJson} from '../../src/canonical/json.js';
import type {PyDict} from '../../src/python/values.js';

const events: string[] = [];

// The writer's own calls: trail bytes are written from buffers (the lock file from a string).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const watched = {
    ...fs,
    writeSync: ((fd: number, data: unknown, ...rest: unknown[]) => {
      if (typeof data !== 'string') events.push('write');
      return (fs.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync,
    fdatasync: ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      fs.fdatasync(fd, (error) => {
        events.push('sync');
        callback(error);
      });
    }) as typeof fs.fdatasync,
    fdatasyncSync: (fd: number) => {
      fs.fdatasyncSync(fd);
      events.push('sync');
    },
  };
  return {...watched, default: watched};
});

beforeEach(() => {
  events.length = 0;
});

const trailFile = () => join(mkdtempSync(join(tmpdir(), 'aigc-group-')), 'trail.jsonl');
const artifact = (n: number): PyDict => ({enforcement_result: 'PASS', n, timestamp: 1700000000 + n});
const linesOf = (file: string): PyDict[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => parseJson(line) as PyDict);

/** A group commit whose reports are noted in `events`, each checked against the file as it is then. */
function grouped(file: string, durability: Durability, bounds = {}) {
  const reported: number[][] = [];
  const group = new GroupCommit(
    new TrailWriter(file, {durability}),
    (batch: TrailBatch) => {
      const inFile = new Set(linesOf(file).map((line) => line.n));
      for (const chained of batch.artifacts) expect(inFile.has(chained.n)).toBe(true);
      events.push('report');
      reported.push(batch.artifacts.map((chained) => chained.n as number));
    },
    bounds,
  );
  return {group, reported};
}

async function addAll(group: GroupCommit, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await group.add(artifact(n));
  await group.close();
}

describe('group commit', () => {
  it('reports each batch only after it is written and synced, in input order', async () => {
    const file = trailFile();
    const {group, reported} = grouped(file, 'batch', {maxArtifacts: 4, maxDelayMs: 60_000});
    await addAll(group, 10);
    expect(reported).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(events).toEqual(['write', 'sync', 'report', 'write', 'sync', 'report', 'write', 'sync', 'report']);
    const trail = linesOf(file);
    expect(trail.map((line) => [line.n, line.chain_index])).toEqual(Array.from({length: 10}, (_, n) => [n, n]));
    expect(verifyChain(trail)).toEqual({valid: true, errors: []});
  });

  it('syncs and reports one artifact at a time with durability each', async () => {
    const {group, reported} = grouped(trailFile(), 'each', {maxArtifacts: 4});
    await addAll(group, 3);
    expect(reported).toEqual([[0], [1], [2]]);
    expect(events).toEqual(['write', 'sync', 'report', 'write', 'sync', 'report', 'write', 'sync', 'report']);
  });

  it('never syncs with durability none, and still reports only what is written', async () => {
    const {group, reported} = grouped(trailFile(), 'none', {maxArtifacts: 2, maxDelayMs: 60_000});
    await addAll(group, 3);
    expect(reported).toEqual([[0, 1], [2]]);
    expect(events).toEqual(['write', 'report', 'write', 'report']);
  });

  it('commits a batch that is not full once the producer is idle, without being closed', async () => {
    const {group, reported} = grouped(trailFile(), 'batch', {maxArtifacts: 100, maxDelayMs: 1});
    group.add(artifact(0));
    group.add(artifact(1));
    group.idle();
    await group.durable();
    expect(reported).toEqual([[0, 1]]);
  });

  it('stops at a failed commit: the producer gets the error and nothing is reported', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aigc-group-')), 'missing', 'trail.jsonl');
    const {group, reported} = grouped(file, 'batch', {maxArtifacts: 1});
    group.add(artifact(0));
    await expect(group.close()).rejects.toMatchObject({code: 'ENOENT'});
    expect(() => group.add(artifact(1))).toThrow(expect.objectContaining({code: 'ENOENT'}));
    expect(reported).toEqual([]);
  });

  it('runs the after-batch hook once the batch is synced, under the lock, before it is reported, waiting for its promise', async () => {
    const file = trailFile();
    const writer = new TrailWriter(file, {
      afterBatch: async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(existsSync(`${file}.lock`)).toBe(true);
        expect(readFileSync(file).length).toBe(batch.end);
        expect(linesOf(file)).toHaveLength(batch.artifacts.length);
        expect(readFileSync(file).subarray(batch.start, batch.end).equals(batch.bytes)).toBe(true);
        events.push('after');
      },
    });
    await writer.commit([artifact(0), artifact(1)], () => events.push('report'));
    expect(events).toEqual(['write', 'sync', 'after', 'report']);
    expect(() => writer.commitSync([artifact(2)])).toThrow('a synchronous commit needs a synchronous hook');
  });
});
