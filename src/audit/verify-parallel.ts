// Verification of a large file with worker threads: this thread reads the file
// in batches of whole lines (readLineBatches), hands each to a worker, which
// examines its lines as the single-threaded path does (verify-line.ts), and
// gives the results to the `TrailVerifier` in file order. At most a few
// batches per worker are in flight, so memory stays flat whatever the size.

import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {type BatchOptions, type LineBatch, readLineBatches} from '../io/jsonl-batches.js';
import type {LineExaminer, LineFacts} from './verify-line.js';
import type {TrailVerifier, VerifyOptions} from './verify.js';

/** Built next to this module; absent when running from TypeScript sources. */
const WORKER_SCRIPT = new URL('./verify-worker.js', import.meta.url);
const BATCHES_PER_WORKER = 2;

/** What a worker is started with. The key travels only here, never in a message or a log. */
export interface VerifyWorkerData {
  signingKey: Uint8Array | null;
  allowUnsigned: boolean;
  maxLineBytes: number | undefined;
}

export interface BatchRequest {
  id: number;
  batch: LineBatch;
}

export interface BatchReply {
  id: number;
  facts: LineFacts[];
}

/** Examines batches of lines somewhere, in any order. */
export interface BatchExaminer {
  readonly concurrency: number;
  examine(batch: LineBatch): Promise<LineFacts[]>;
}

let available: boolean | undefined;

/** Whether the worker script exists (it does once built). */
export function workersAvailable(): boolean {
  available ??= WORKER_SCRIPT.protocol === 'file:' && existsSync(fileURLToPath(WORKER_SCRIPT));
  return available;
}

/** Reads `path` in batches, examined by `batches`; results reach `verifier` in file order. */
export async function verifyFileInBatches(
  path: string,
  verifier: TrailVerifier,
  examiner: LineExaminer,
  batches: BatchExaminer,
  options: Pick<VerifyOptions, 'maxLineBytes' | 'onProgress'> & BatchOptions,
): Promise<void> {
  const inFlight: {facts: Promise<LineFacts[]>; bytesThrough: number}[] = [];
  const settle = async () => {
    const oldest = inFlight.shift()!;
    for (const facts of await oldest.facts) verifier.accept(facts);
    options.onProgress?.(verifier.progress(oldest.bytesThrough));
  };
  try {
    for await (const batch of readLineBatches(path, options)) {
      // A line found too long while it spanned batches is reported from here.
      const facts = batch.kind === 'lines' ? batches.examine(batch) : Promise.resolve([examiner.examine(batch.record)]);
      // Awaited in turn below; a failure of a later batch must not go unhandled meanwhile.
      facts.catch(() => {});
      inFlight.push({facts, bytesThrough: batch.bytesThrough});
      if (inFlight.length >= batches.concurrency * BATCHES_PER_WORKER) await settle();
    }
    while (inFlight.length > 0) await settle();
  } finally {
    inFlight.length = 0;
  }
}

/** Worker threads each examining one batch at a time; a batch goes to the least busy. */
export class WorkerPool implements BatchExaminer {
  private readonly workers: {worker: Worker; busy: number}[] = [];
  private readonly waiting = new Map<number, {resolve: (facts: LineFacts[]) => void; reject: (error: Error) => void}>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(
    readonly concurrency: number,
    workerData: VerifyWorkerData,
  ) {
    for (let i = 0; i < concurrency; i++) {
      const worker = new Worker(WORKER_SCRIPT, {workerData, stdout: false, stderr: false});
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

  examine(batch: LineBatch): Promise<LineFacts[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const slot = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    slot.busy++;
    const facts = new Promise<LineFacts[]>((resolve, reject) => this.waiting.set(id, {resolve, reject}));
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
    waiter.resolve(reply.facts);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}
