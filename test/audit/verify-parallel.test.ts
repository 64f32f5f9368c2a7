// Verifying in batches (as worker threads do) gives exactly the report of
// verifying line by line: the same problems in the same order, the same
// summaries. The batches are examined on this thread here (a pool of no
// workers), cut small so chains, links and damage straddle batch edges; the
// built CLI is compared with real workers in test/cli-e2e/chain-verify-threads.test.ts.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {type VerifyOptions, verifyTrails} from '../../src/audit/verify/index.js';
import {hmacSignatureCheck, LineExaminer} from '../../src/audit/verify/line.js';
import {verifyFileInBatches, WorkerPool} from '../../src/audit/verify/parallel.js';
import {ProblemList, TrailVerifier} from '../../src/audit/verify/trail.js';
import {GENERATED_KEY, generateTrail} from './generated-trail.js';

const KEY = Buffer.from(GENERATED_KEY);

async function inBatches(file: string, batchBytes: number, options: VerifyOptions) {
  const problems = new ProblemList(options.maxErrors ?? 1000);
  const verifier = new TrailVerifier(file, problems);
  const signingKey = options.signingKey ?? null;
  const examiner = new LineExaminer({signatureCheck: signingKey && hmacSignatureCheck(signingKey), allowUnsigned: Boolean(options.allowUnsigned)});
  const pool = new WorkerPool(0, {signingKey, allowUnsigned: Boolean(options.allowUnsigned), maxLineBytes: options.maxLineBytes}, batchBytes);
  await verifyFileInBatches(file, verifier, examiner, pool, options);
  await pool.close();
  return {file: verifier.finish(), problems: problems.kept, problemCount: problems.count};
}

describe('verifying in batches', () => {
  const trail = generateTrail(600, {longLineBytes: 3000});
  const file = join(mkdtempSync(join(tmpdir(), 'aigc-batches-')), 'generated.jsonl');
  writeFileSync(file, trail.bytes);

  const settings: [string, VerifyOptions][] = [
    ['with the key', {signingKey: KEY}],
    ['with the key, unsigned allowed, few problems kept', {signingKey: KEY, allowUnsigned: true, maxErrors: 25}],
    ['without a key, a small line limit', {maxLineBytes: 2048}],
  ];
  for (const [name, options] of settings) {
    it(`reports exactly what line-by-line verification reports: ${name}`, async () => {
      const expected = await verifyTrails([{file, source: file}], {...options, threads: 1});
      const codes = new Set(expected.problems.map((problem) => problem.code));
      expect(expected.files[0].chains.length).toBeGreaterThanOrEqual(4);
      expect(codes.size).toBeGreaterThanOrEqual(options.maxErrors === undefined ? 8 : 4);
      for (const batchBytes of [700, 4096, 50_000, 1 << 20]) {
        const got = await inBatches(file, batchBytes, options);
        expect({batchBytes, ...got}).toEqual({batchBytes, file: expected.files[0], problems: expected.problems, problemCount: expected.problemCount});
      }
    });
  }

  it('finds every kind of damage the generated trail holds', async () => {
    const report = await verifyTrails([{file, source: file}], {signingKey: KEY, maxLineBytes: 2048});
    expect(new Set(report.problems.map((problem) => problem.code))).toEqual(
      new Set([
        'checksum-mismatch',
        'signature-invalid',
        'unsigned',
        'chain-index',
        'broken-link',
        'chain-id',
        'invalid-json',
        'not-an-object',
        'not-chained',
        'invalid-utf8',
        'line-too-long',
        'truncated',
      ]),
    );
    expect(report.problems.find((problem) => problem.code === 'line-too-long')?.line).toBe(trail.longLine);
  });
});
