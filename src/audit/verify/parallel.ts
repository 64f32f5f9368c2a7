// Verification of a large file on several threads (io/batch-workers.ts):
// every batch of lines is examined by the same code (line.ts), in a worker
// (worker.ts) or on this thread, and its facts reach the `TrailVerifier`
// (trail.ts) in file order.

import {BatchWorkerPool, examineFileInBatches, serveBatches, workerScriptExists} from '../../io/batch-workers.js';
import type {WorkerScript} from '../../io/worker-start.js';
import {examineBatch, hmacSignatureCheck, LineExaminer} from './line.js';
import type {TrailVerifier} from './trail.js';
import type {LineFacts, VerifyOptions, VerifyWorkerData} from './types.js';

/** worker.ts as built next to this module; absent when running from TypeScript sources. */
const WORKER_SCRIPT: WorkerScript = {url: new URL('./worker.js', import.meta.url), name: 'chain-verify'};

/** In a worker thread (worker.ts, or the CLI's bundle): examines each batch sent with `data`'s settings. */
export function serveVerifyBatches(data: VerifyWorkerData): void {
  const examiner = new LineExaminer({signatureCheck: data.signingKey === null ? null : hmacSignatureCheck(data.signingKey), allowUnsigned: data.allowUnsigned});
  serveBatches((batch) => examineBatch(batch, examiner, data.maxLineBytes));
}

let available: boolean | undefined;

/** Whether the worker script exists (it does once built). */
export function workersAvailable(): boolean {
  available ??= workerScriptExists(WORKER_SCRIPT);
  return available;
}

/** Verification workers: `size` of them (0: none, every batch is examined on this thread). */
export class WorkerPool extends BatchWorkerPool<LineFacts[]> {
  constructor(size: number, workerData: VerifyWorkerData, batchBytes?: number) {
    super(WORKER_SCRIPT, size, workerData, batchBytes);
  }
}

/** Reads `path` in batches examined by `pool` or by `examiner` here; results reach `verifier` in file order. */
export async function verifyFileInBatches(
  path: string,
  verifier: TrailVerifier,
  examiner: LineExaminer,
  pool: WorkerPool,
  options: Pick<VerifyOptions, 'maxLineBytes' | 'onProgress'>,
): Promise<void> {
  await examineFileInBatches(
    path,
    pool,
    {
      examine: (batch) => examineBatch(batch, examiner, options.maxLineBytes),
      tooLong: (line) => [examiner.examine(line.record)],
      accept: (facts, bytesThrough) => {
        for (const fact of facts) verifier.accept(fact);
        options.onProgress?.(verifier.progress(bytesThrough));
      },
    },
    options.maxLineBytes,
  );
}
