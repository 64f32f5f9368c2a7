// `aigc chain verify` with worker threads gives the report it gives on one
// thread, byte for byte, on a generated multi-chain trail with damage of every
// kind and a line over the limit that spans batches.
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import type * as Parallel from '../../src/audit/verify/parallel.js';
import type * as Trail from '../../src/audit/verify/trail.js';
import type * as Verify from '../../src/audit/verify/index.js';
import type * as Line from '../../src/audit/verify/line.js';
import {GENERATED_KEY, generateTrail} from '../audit/generated-trail.js';
import {tempFolder} from '../cli/command-line.js';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

/** A module of the built package's verification. */
const built = <T>(name: string): Promise<T> => import(pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'audit', 'verify', `${name}.js`)).href);

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

  it('takes the thread count from --threads N, which wins over AIGC_VERIFY_THREADS', async () => {
    const [single, flagged] = await Promise.all([verify('1'), aigc(['chain', 'verify', file, '--json', '--key-env', 'AIGC_TEST_KEY', '--max-errors', '100000', '--threads', '2'], {
      env: {AIGC_TEST_KEY: GENERATED_KEY, AIGC_VERIFY_THREADS: 'many', AIGC_MAX_LINE_BYTES: String(1024 * 1024)},
      timeoutMs: 60000,
    })]);
    expect([flagged.code, flagged.stderr]).toEqual([1, '']);
    expect(flagged.stdout).toBe(single.stdout);
    const refused = await aigc(['chain', 'verify', file, '--threads', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--threads');
  });

  it('refuses a thread count below one', async () => {
    const run = await verify('0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('AIGC_VERIFY_THREADS');
  });

  it('loads its worker script from the built package, and the workers examine batches as this thread does', async () => {
    const [parallel, trailModule, verify, line] = await Promise.all([
      built<typeof Parallel>('parallel'),
      built<typeof Trail>('trail'),
      built<typeof Verify>('index'),
      built<typeof Line>('line'),
    ]);
    expect(parallel.workersAvailable()).toBe(true);
    const small = folder.file('small.jsonl', generateTrail(300).bytes);
    const signingKey = Buffer.from(GENERATED_KEY);
    const expected = await verify.verifyTrails([{file: small, source: small}], {signingKey, threads: 1});
    const problems = new trailModule.ProblemList(1000);
    const verifier = new trailModule.TrailVerifier(small, problems);
    const examiner = new line.LineExaminer({signatureCheck: line.hmacSignatureCheck(signingKey), allowUnsigned: false});
    // Batches far smaller than the file, so most are sent to the two workers.
    const pool = new parallel.WorkerPool(2, {signingKey, allowUnsigned: false, maxLineBytes: undefined}, 4096);
    try {
      await parallel.verifyFileInBatches(small, verifier, examiner, pool, {});
    } finally {
      await pool.close();
    }
    expect({file: verifier.finish(), problems: problems.kept}).toEqual({file: expected.files[0], problems: expected.problems});
    expect(expected.problems.length).toBeGreaterThan(10);
  });
});
