// Fleet-wide verification: `chain verify --summary-json` per file, anywhere,
// and `chain verify-summaries` linking chains across files, finding gaps,
// forks and rewritten files.
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {signCheckpoint} from '../../../src/audit/tlog/checkpoint.js';
import {generateNoteKeyPair, parseSignerKey} from '../../../src/audit/tlog/keys.js';
import {readTrailTree} from '../../../src/audit/tlog/trail.js';
import {aigc, expectOneLineError} from '../../cli/command-line.js';
import {referenceChainLines, rotateChain} from './fleet-files.js';

describe('chain verify --summary-json and chain verify-summaries', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'aigc-fleet-'));
  });
  afterEach(() => rmSync(work, {recursive: true, force: true}));

  async function summarize(files: string[]): Promise<string[]> {
    const summaries: string[] = [];
    for (const file of files) {
      await aigc(['chain', 'verify', file, '--summary-json', `${file}.summary.json`, '--json'], {cwd: work});
      summaries.push(`${file}.summary.json`);
    }
    return summaries;
  }

  it('links a chain rotated across daily files head to tail, in any order given', async () => {
    const files = rotateChain(work, [15, 10, 15]);
    const summaries = await summarize(files);
    const merged = await aigc(['chain', 'verify-summaries', ...summaries.reverse()], {cwd: work});
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout);
    expect(report).toMatchObject({valid: true, files: 3, artifacts: 40, problems: []});
    expect(report.chains).toHaveLength(1);
    expect(report.chains[0].segments).toEqual([
      {file: 'day-1.jsonl', first_index: 0, last_index: 14},
      {file: 'day-2.jsonl', first_index: 15, last_index: 24},
      {file: 'day-3.jsonl', first_index: 25, last_index: 39},
    ]);
    expect(report.chains[0].last_checksum).toBe(JSON.parse(referenceChainLines()[39]).checksum);
    expect(merged.stderr).toMatch(/3 files, 1 chains, 40 artifacts: whole/);
  });

  it('writes a summary with the file’s digest, log and chain ends, and leaves a continued chain’s start to the fleet', async () => {
    const [, second] = rotateChain(work, [15, 25]);
    const run = await aigc(['chain', 'verify', second, '--summary-json', 's.json'], {cwd: work});
    expect(run.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(work, 's.json'), 'utf8'));
    const tree = await readTrailTree(join(work, second));
    expect(summary.aigc_verify_summary).toBe('1');
    expect(summary.files[0]).toMatchObject({file: second, tree_size: tree.size, root_hash: tree.root.toString('base64'), problem_count: 0, problems: [], checkpoint: null});
    expect(summary.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.files[0].chains[0]).toMatchObject({first_index: 15, last_index: 39, first_previous: JSON.parse(referenceChainLines()[14]).checksum});
  });

  it('finds a gap: a missing day between two files', async () => {
    const files = rotateChain(work, [15, 10, 15]);
    const summaries = await summarize([files[0], files[2]]);
    const merged = await aigc(['chain', 'verify-summaries', ...summaries], {cwd: work});
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout).problems).toEqual([expect.objectContaining({code: 'gap', files: ['day-1.jsonl', 'day-3.jsonl']})]);
    expect(merged.stderr).toMatch(/gap: chain .*: 10 artifacts are missing between day-1\.jsonl \(last index 14\) and day-3\.jsonl \(first index 25\)/);
  });

  it('finds a gap before the first file of a chain', async () => {
    const files = rotateChain(work, [15, 25]);
    const merged = await aigc(['chain', 'verify-summaries', ...(await summarize([files[1]]))], {cwd: work});
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout).problems).toEqual([expect.objectContaining({code: 'gap', message: expect.stringMatching(/starts at index 15/)})]);
  });

  it('finds a fork: two files continuing the chain from the same place', async () => {
    const files = rotateChain(work, [15, 25]);
    copyFileSync(join(work, files[1]), join(work, 'day-2-copy.jsonl'));
    const merged = await aigc(['chain', 'verify-summaries', ...(await summarize([...files, 'day-2-copy.jsonl']))], {cwd: work});
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout).problems).toEqual([expect.objectContaining({code: 'fork', files: ['day-2-copy.jsonl', 'day-2.jsonl']})]);
  });

  it('finds a rewritten file: its tail cut off after it was checkpointed, though it verifies alone', async () => {
    const files = rotateChain(work, [15, 25]);
    const key = generateNoteKeyPair('audit.example.com/fleet');
    const tree = await readTrailTree(join(work, files[0]));
    writeFileSync(join(work, `${files[0]}.checkpoint`), signCheckpoint({size: tree.size, root: tree.root, origin: 'audit.example.com/fleet'}, parseSignerKey(key.signerKey)));
    writeFileSync(join(work, files[0]), `${referenceChainLines().slice(0, 14).join('\n')}\n`);
    expect((await aigc(['chain', 'verify', files[0]], {cwd: work})).code).toBe(0);
    const merged = await aigc(['chain', 'verify-summaries', ...(await summarize(files))], {cwd: work});
    expect(merged.code).toBe(1);
    const codes = JSON.parse(merged.stdout).problems.map((problem: {code: string}) => problem.code);
    expect(codes).toEqual(['rewritten', 'gap']);
    expect(merged.stderr).toMatch(/rewritten: day-1\.jsonl: its first 15 lines are not those its checkpoint signs/);
  });

  it('finds a rewritten file: two summaries of it at the same size disagree', async () => {
    const [first] = rotateChain(work, [15]);
    const [before] = await summarize([first]);
    copyFileSync(join(work, before), join(work, 'before.json'));
    const lines = referenceChainLines().slice(0, 15);
    writeFileSync(join(work, first), `${[...lines.slice(0, 5), lines[5].replace('"planner"', '"admin"'), ...lines.slice(6)].join('\n')}\n`);
    const merged = await aigc(['chain', 'verify-summaries', 'before.json', ...(await summarize([first]))], {cwd: work});
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout).problems.map((problem: {code: string}) => problem.code)).toEqual(['file-problems', 'rewritten']);
  });

  it('refuses a file that is not a summary (exit 3) and --summary-json with stdin (exit 2)', async () => {
    writeFileSync(join(work, 'x.json'), '{"files": []}');
    expectOneLineError(await aigc(['chain', 'verify-summaries', 'x.json'], {cwd: work}), 3, /x\.json.*not a verification summary/);
    expectOneLineError(await aigc(['chain', 'verify-summaries', 'missing.json'], {cwd: work}), 3, /missing\.json/);
    expectOneLineError(await aigc(['chain', 'verify', '-', '--summary-json', 's.json'], {cwd: work, input: ''}), 2, /stdin/);
  });
});
