// `aigc enforce --threads N` on the main thread: N - 1 worker threads
// (enforce-worker.ts) and this one decide the batches of the input
// (enforce-batches.ts); each batch's output reaches `accept` in input order.

import type {Readable} from 'node:stream';
import {BatchWorkerPool, examineInBatches, workerScriptExists} from '../io/batch-workers.js';
import {type DecidedBatch, decideBatch, ENFORCE_BATCH_BYTES, enforceBatches, type StreamPiece, StreamPieces} from './enforce-batches.js';
import type {DeciderSettings, ItemDecider} from './enforce-items.js';

/** What a worker needs to decide as this thread does, as plain data (flags as given, loaded again there). */
export interface EnforceWorkerData {
  settings: Omit<DeciderSettings, 'redactionPatterns'>;
  /** The `--redact` values. */
  redact: string[] | undefined;
  /** The `--gate` modules, relative to `cwd`. */
  gates: string[];
  cwd: string;
  /** Whether to make `--record` lines. */
  record: boolean;
}

/** enforce-worker.ts as built next to this module; absent when running from TypeScript sources (then this thread decides alone). */
const WORKER_SCRIPT = new URL('./enforce-worker.js', import.meta.url);

/** Decides `source` on `threads` threads; `accept` gets each batch's output in order; reading stops once `stopped()`. */
export async function enforceOnThreads(
  source: Readable,
  threads: number,
  workerData: EnforceWorkerData,
  decider: ItemDecider,
  accept: (batch: DecidedBatch) => void | Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const pool = new BatchWorkerPool<DecidedBatch>(WORKER_SCRIPT, workerScriptExists(WORKER_SCRIPT) ? threads - 1 : 0, workerData, ENFORCE_BATCH_BYTES, null);
  const pieces = new StreamPieces(decider, workerData.record);
  try {
    await examineInBatches(enforceBatches(source as AsyncIterable<Buffer>, pool.buffers, stopped), pool, {
      examine: (batch) => decideBatch(batch, decider, workerData.record),
      here: (piece: StreamPiece) => pieces.decide(piece),
      accept: (batch) => accept(batch),
    });
  } finally {
    await pool.close();
  }
}
