// The worked example of docs/scaling.md: GNU parallel verifying each daily
// file in its own process, two at a time, then one merge of the summaries.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {rotateChain} from '../audit/fleet/fleet-files.js';
import {CLI, spawnAigc} from './cli.js';

const PARALLEL = spawnSync('parallel', ['--version'], {encoding: 'utf8'}).status === 0;

describe.skipIf(!PARALLEL)(`fleet verification with GNU parallel${PARALLEL ? '' : ' (skipped: GNU parallel is not installed; apt-get install parallel)'}`, () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'aigc-parallel-'));
  });
  afterEach(() => rmSync(work, {recursive: true, force: true}));

  it('verifies the files as separate tasks, and the merge links them and finds the missing day', async () => {
    rotateChain(work, [10, 10, 10, 10]);
    rmSync(join(work, 'day-3.jsonl'));
    const tasks = spawnSync('parallel', ['--will-cite', '-j2', process.execPath, CLI, 'chain', 'verify', '{}', '--summary-json', '{}.summary.json', '--json', '-o', '{}.report.json', ':::', 'day-1.jsonl', 'day-2.jsonl', 'day-4.jsonl'], {cwd: work, encoding: 'utf8'});
    // day-4 continues a chain whose start is elsewhere: alone it fails, and parallel counts one failed task.
    expect(tasks.status).toBe(2);
    const summaries = readdirSync(work).filter((name) => name.endsWith('.summary.json'));
    expect(summaries).toHaveLength(3);
    const merged = await spawnAigc(['chain', 'verify-summaries', ...summaries], {cwd: work});
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout);
    expect(report.problems).toEqual([expect.objectContaining({code: 'gap', files: ['day-2.jsonl', 'day-4.jsonl']})]);
    expect(report.artifacts).toBe(30);
  });
});
