// Empty input, one way across the commands that read records: each says once
// on stderr "<source>: empty input: no <records>" and then does what it does
// for zero records, never a crash, a hang or a changed file.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {aigc, tempFolder} from '../command-line.js';

const folder = tempFolder();
afterAll(() => folder.remove());

describe.each(['', '\n\n  \n'])('empty input %j', (input) => {
  const empty = folder.file(`empty-${input.length}.jsonl`, input);

  it('aigc enforce writes no artifact, says so once, and exits 0', async () => {
    const run = await aigc(['enforce'], {input});
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', 'aigc enforce: stdin: empty input: no invocations\n']);
    const fromFile = await aigc(['enforce', '--input', empty]);
    expect([fromFile.code, fromFile.stderr]).toEqual([0, `aigc enforce: ${empty}: empty input: no invocations\n`]);
  });

  it('aigc compliance export writes the report of 0 artifacts, says so once, and exits 0', async () => {
    const run = await aigc(['compliance', 'export', '-'], {input});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({total_artifacts: 0, invalid_artifacts: 0});
    expect(run.stderr).toBe('aigc compliance export: stdin: empty input: no audit artifacts\n');
  });

  it('aigc chain verify says so once and fails (exit 1): an empty trail proves nothing', async () => {
    const run = await aigc(['chain', 'verify', '-', '-f', 'text'], {input});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the file holds no artifacts');
    expect(run.stderr).toBe('aigc chain verify: stdin: empty input: no audit artifacts\n');
  });

  it('aigc chain append appends nothing, leaves FILE as it was, says so once, and exits 0', async () => {
    const trail = join(folder.path, `trail-${input.length}.jsonl`);
    const run = await aigc(['chain', 'append', trail], {input});
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('aigc chain append: stdin: empty input: no audit artifacts');
    expect(existsSync(trail) ? readFileSync(trail, 'utf8') : '').toBe('');
  });
});
