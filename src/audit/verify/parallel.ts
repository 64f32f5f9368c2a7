// Verification of a large file on several threads: this thread reads the file
// in batches of whole lines (readLineBatches) and hands each to a worker with
// room for it, or examines it itself when none has (so N threads means N - 1
// workers: one isolate less to hold in memory, no thread idle). Every batch is
// examined by the same code (line.ts), and its results reach the
// `TrailVerifier` (trail.ts) in file order. A bounded number of batches is in
// flight, so memory stays flat whatever the size.

import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {BatchBuffers, type LineBatch, readLineBatches} from '../../io/jsonl-batches.js';
import {examineBatch, type LineExaminer} from './line.js';
import type {TrailVerifier} from './trail.js';
import type {BatchReply, BatchRequest, LineFacts, VerifyOptions, VerifyWorkerData} from './types.js';

/** worker.ts as built next to this module; absent when running from TypeScript sources. */
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);
/** Batches queued per worker, so it never waits for the next. */
const BATCHES_PER_WORKER = 2;
/** Small: a worker's garbage dies young, and every worker's heap counts in the process's memory. */
const YOUNG_GENERATION_MB = 4;

let available: boolean | undefined;

/** Whether the worker script exists (it does once built). */
export function workersAvailable(): boolean {
  available ??= WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(WORKER_SCRIPT));
  return available;
}

interface Pending {
  bytesThrough: number;
  facts: LineFacts[] | null;
  /** Set while a worker examines the batch. */
  examined?: Promise<LineFacts[]>;
}

/** Reads `path` in batches examined by `pool` or by `examiner` here; results reach `verifier` in file order. */
export async function verifyFileInBatches(
  path: string,
  verifier: TrailVerifier,
  examiner: LineExaminer,
  pool: WorkerPool,
  options: Pick<VerifyOptions, 'maxLineBytes' | 'onProgress'>,
): Promise<void> {
  const pending: Pending[] = [];
  const maxPending = (pool.size + 1) * BATCHES_PER_WORKER;
  const apply = async (wait: boolean) => {
    while (pending.length > 0 && (wait || pending[0].facts !== null)) {
      const oldest = pending.shift()!;
      for (const facts of oldest.facts ?? (await oldest.examined!)) verifier.accept(facts);
      options.onProgress?.(verifier.progress(oldest.bytesThrough));
      wait = false;
    }
  };
  for await (const batch of readLineBatches(path, {maxLineBytes: options.maxLineBytes, buffers: pool.buffers})) {
    const entry: Pending = {bytesThrough: batch.bytesThrough, facts: null};
    if (batch.kind === 'too-long') {
      // Found while the line spanned batches.
      entry.facts = [examiner.examine(batch.record)];
    } else if (pool.hasRoom()) {
      entry.examined = pool.examine(batch);
      entry.examined.then(
        (facts) => (entry.facts = facts),
        // Rethrown when this entry's turn comes; it must not go unhandled meanwhile.
        () => {},
      );
    } else {
      entry.facts = examineBatch(batch, examiner, options.maxLineBytes);
      pool.buffers.recycle(batch.bytes.buffer);
    }
    pending.push(entry);
    await apply(pending.length >= maxPending);
  }
  while (pending.length > 0) await apply(true);
}

/** Worker threads each examining a batch at a time, with a few more queued; a batch goes to the least busy. */
export class WorkerPool {
  readonly buffers: BatchBuffers;
  private readonly workers: {worker: Worker; busy: number}[] = [];
  private readonly waiting = new Map<number, {resolve: (facts: LineFacts[]) => void; reject: (error: Error) => void}>();
  private nextId = 0;
  private failure: Error | null = null;

  /** `size` workers (0: none, every batch is examined on this thread). */
  constructor(
    readonly size: number,
    workerData: VerifyWorkerData,
    batchBytes?: number,
  ) {
    this.buffers = new BatchBuffers(batchBytes);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SCRIPT, {workerData, stdout: false, stderr: false, resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}});
      const slot = {worker, busy: 0};
      worker.on('message', (reply: BatchReply) => {
        slot.busy--;
        this.settle(reply);
      });
      // An exception in a worker (a bug, or out of memory) fails the run as it would on this thread.
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a verification worker stopped (exit code ${code})`));
      });
      this.workers.push(slot);
    }
  }

  /** Whether a worker can take a batch without waiting long. */
  hasRoom(): boolean {
    return this.failure !== null || this.workers.some((slot) => slot.busy < BATCHES_PER_WORKER);
  }

  examine(batch: LineBatch): Promise<LineFacts[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const slot = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    const id = this.nextId++;
    const facts = new Promise<LineFacts[]>((resolve, reject) => this.waiting.set(id, {resolve, reject}));
    slot.busy++;
    const request: BatchRequest = {id, batch};
    slot.worker.postMessage(request, [batch.bytes.buffer as ArrayBuffer]);
    return facts;
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const {worker} of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map(({worker}) => worker.terminate()));
  }

  private settle(reply: BatchReply): void {
    const waiter = this.waiting.get(reply.id);
    if (waiter === undefined) return;
    this.waiting.delete(reply.id);
    this.buffers.recycle(reply.buffer);
    waiter.resolve(reply.facts);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}
