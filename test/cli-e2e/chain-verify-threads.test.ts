// `aigc chain verify` with worker threads gives the report it gives on one
// thread, byte for byte, on a generated multi-chain trail with damage of every
// kind and a line over the limit that spans batches.
import {afterAll, describe, expect, it} from 'vitest';
import {GENERATED_KEY, generateTrail} from '../audit/generated-trail.js';
import {aigc, tempFolder} from './cli.js';

describe('aigc chain verify on several threads', () => {
  const folder = tempFolder();
  afterAll(() => folder.remove());
  const trail = generateTrail(9000, {longLineBytes: 3 * 1024 * 1024});
  const file = folder.file('generated.jsonl', trail.bytes);

  const verify = (threads: string, extra: Record<string, string> = {}) =>
    aigc(['chain', 'verify', file, '--json', '--key-env', 'AIGC_TEST_KEY', '--max-errors', '100000'], {
      env: {AIGC_TEST_KEY: GENERATED_KEY, AIGC_VERIFY_THREADS: threads, AIGC_MAX_LINE_BYTES: String(1024 * 1024), ...extra},
      timeoutMs: 60000,
    });

  it('reports exactly what one thread reports, with one or more workers', async () => {
    expect(trail.bytes.length).toBeGreaterThan(6 * 1024 * 1024);
    const [single, two, three] = await Promise.all([verify('1'), verify('2'), verify('3')]);
    expect(single.code).toBe(1);
    const report = JSON.parse(single.stdout);
    expect(report.problems.length).toBeGreaterThan(500);
    expect(report.problems.some((problem: {code: string; line: number}) => problem.code === 'line-too-long' && problem.line === trail.longLine)).toBe(true);
    expect([two.code, two.stderr]).toEqual([1, '']);
    expect(two.stdout).toBe(single.stdout);
    expect([three.code, three.stderr]).toEqual([1, '']);
    expect(three.stdout).toBe(single.stdout);
  });

  it('refuses a thread count below one', async () => {
    const run = await verify('0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('AIGC_VERIFY_THREADS');
  });
});
