// The worked example of docs/scaling.md: GNU parallel verifying each daily
// file in its own process, two at a time, then one merge of the summaries,
// attested, and the attestation checked with only the public key.
import {spawnSync} from 'node:child_process';
import {appendFileSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
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

  it('merges a whole fleet into an attested report that verify-attestation accepts, and not once a summary changed', async () => {
    const files = rotateChain(work, [10, 10, 10, 10]);
    expect((await spawnAigc(['chain', 'keygen', 'audit.example.com/payments', '-o', 'audit'], {cwd: work})).code).toBe(0);
    const tasks = spawnSync('parallel', ['--will-cite', '-j2', process.execPath, CLI, 'chain', 'verify', '{}', '--summary-json', '{}.summary.json', ':::', ...files], {cwd: work, encoding: 'utf8'});
    // Every day but the first continues a chain started elsewhere: alone each fails, which the merge resolves.
    expect(tasks.status).toBe(3);
    const summaries = files.map((file) => `${file}.summary.json`);
    const merged = await spawnAigc(['chain', 'verify-summaries', ...summaries, '-o', 'fleet.json', '--attest', '--key-file', 'audit.key'], {cwd: work});
    expect(merged.code, merged.stderr).toBe(0);
    const verify = (...extra: string[]) => spawnAigc(['compliance', 'verify-attestation', 'fleet.json.intoto.json', '--pubkey', 'audit.pub', 'fleet.json', ...extra], {cwd: work});
    const verified = await verify(...summaries.flatMap((summary) => ['-i', summary]));
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/is the attested fleet report .*\n[\s\S]*\n {2}4 files, 1 chains, 40 artifacts: whole; /);
    appendFileSync(join(work, summaries[2]), '\n');
    const changed = await verify('-i', summaries[2]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/FAILED: input-mismatch: day-3\.jsonl\.summary\.json changed since the fleet report was made/);
  });
});
