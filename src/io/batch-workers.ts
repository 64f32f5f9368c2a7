// A large file's lines examined on several threads: this thread reads the
// file in batches of whole lines (readLineBatches) and hands each to a worker
// with room for it, or examines it itself when none has (so N threads means
// N - 1 workers: one isolate less to hold in memory, no thread idle). Every
// batch is examined by the same function, here or in a worker, and the results
// are handed on in file order. A bounded number of batches is in flight, so
// memory stays flat whatever the size.
//
// Used by `chain verify` (audit/verify/parallel.ts), `compliance export`
// (report/compliance-trails.ts) and `enforce --threads` (cli/enforce-threads.ts);
// a worker script serves batches with `serveBatches`.

import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parentPort, type Worker} from 'node:worker_threads';
import {startWorker, type WorkerScript} from './worker-start.js';
import {BatchBuffers, type FileBatch, type LineBatch, readLineBatches, type TooLongLine} from './jsonl-batches.js';

/** Batches queued per worker, so it never waits for the next. */
const BATCHES_PER_WORKER = 2;
/** Small: a worker's garbage dies young, and every worker's heap counts in the process's memory. */
const YOUNG_GENERATION_MB = 4;

interface BatchRequest {
  id: number;
  batch: LineBatch;
}

interface BatchReply<Result> {
  id: number;
  result: Result;
  /** The batch's buffer, handed back to be reused. */
  buffer: ArrayBufferLike;
}

/** Whether a worker script exists (it does once built; not when running from TypeScript sources). */
export function workerScriptExists(script: WorkerScript): boolean {
  return script.url.protocol === 'file:' && existsSync(fileURLToPath(script.url));
}

/**
 * In a worker script: answers each batch the main thread sends with `examine`'s
 * result. `transferred`: the ArrayBuffers of the result to move to the main
 * thread rather than copy (this thread must not use them again).
 */
export function serveBatches<Result>(examine: (batch: LineBatch) => Result, transferred: (result: Result) => ArrayBuffer[] = () => []): void {
  parentPort!.on('message', ({id, batch}: BatchRequest) => {
    const reply: BatchReply<Result> = {id, result: examine(batch), buffer: batch.bytes.buffer};
    parentPort!.postMessage(reply, [batch.bytes.buffer as ArrayBuffer, ...transferred(reply.result)]);
  });
}

/** Worker threads each examining a batch at a time, with a few more queued; a batch goes to the least busy. */
export class BatchWorkerPool<Result> {
  readonly buffers: BatchBuffers;
  private readonly workers: {worker: Worker; busy: number}[] = [];
  private readonly waiting = new Map<number, {resolve: (result: Result) => void; reject: (error: Error) => void}>();
  private nextId = 0;
  private failure: Error | null = null;

  /**
   * `size` workers running `script` (0: none, every batch is examined on this
   * thread). `youngGenerationMb`: a worker's young generation, small by
   * default; work that makes much short-lived garbage per line (deciding
   * invocations) runs faster with V8's own size (`null`).
   */
  constructor(
    script: WorkerScript,
    readonly size: number,
    workerData: unknown,
    batchBytes?: number,
    youngGenerationMb: number | null = YOUNG_GENERATION_MB,
  ) {
    this.buffers = new BatchBuffers(batchBytes);
    const resourceLimits = youngGenerationMb === null ? undefined : {maxYoungGenerationSizeMb: youngGenerationMb};
    for (let i = 0; i < size; i++) {
      const worker = startWorker(script, {workerData, stdout: false, stderr: false, resourceLimits});
      const slot = {worker, busy: 0};
      worker.on('message', (reply: BatchReply<Result>) => {
        slot.busy--;
        this.settle(reply);
      });
      // An exception in a worker (a bug, or out of memory) fails the run as it would on this thread.
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.workers.push(slot);
    }
  }

  /** Whether a worker can take a batch without waiting long. */
  hasRoom(): boolean {
    return this.failure !== null || this.workers.some((slot) => slot.busy < BATCHES_PER_WORKER);
  }

  examine(batch: LineBatch): Promise<Result> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const slot = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    const id = this.nextId++;
    const result = new Promise<Result>((resolve, reject) => this.waiting.set(id, {resolve, reject}));
    slot.busy++;
    const request: BatchRequest = {id, batch};
    slot.worker.postMessage(request, [batch.bytes.buffer as ArrayBuffer]);
    return result;
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const {worker} of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map(({worker}) => worker.terminate()));
  }

  private settle(reply: BatchReply<Result>): void {
    const waiter = this.waiting.get(reply.id);
    if (waiter === undefined) return;
    this.waiting.delete(reply.id);
    this.buffers.recycle(reply.buffer);
    waiter.resolve(reply.result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}

/** How one file's batches are examined and where their results go. */
export interface BatchExamination<Result> {
  /** Examines a batch on this thread (as the workers do). */
  examine(batch: LineBatch): Result;
  /** The result for a line over the limit, found while it spanned batches. */
  tooLong(line: TooLongLine): Result;
  /** Takes each batch's result, in file order; `bytesThrough`: bytes of the file read once it is done with. */
  accept(result: Result, bytesThrough: number): void;
}

/** Reads `path` in batches examined by `pool` or on this thread; results reach `examination.accept` in file order. */
export async function examineFileInBatches<Result>(
  path: string,
  pool: BatchWorkerPool<Result>,
  examination: BatchExamination<Result>,
  maxLineBytes?: number,
): Promise<void> {
  await examineInBatches(readLineBatches(path, {maxLineBytes, buffers: pool.buffers}) as AsyncIterable<FileBatch>, pool, {
    examine: examination.examine,
    here: examination.tooLong,
    accept: examination.accept,
  });
}

/** What a batch source yields: whole lines any thread may examine, or an item only this thread can (`here`). */
export type SourceBatch<Here> = (LineBatch | Here) & {bytesThrough: number};

/** How a source's batches are examined and where their results go (`examineInBatches`). */
export interface SourceExamination<Result, Here> {
  /** Examines a batch of lines on this thread (as the workers do). */
  examine(batch: LineBatch): Result;
  /** The result of an item that is not a batch of lines, examined on this thread in its turn. */
  here(item: Here): Result;
  /** Takes each result, in source order (waited for before more is read when it returns a promise). */
  accept(result: Result, bytesThrough: number): void | Promise<void>;
}

interface Pending<Result> {
  bytesThrough: number;
  done: boolean;
  result?: Result;
  /** Set while a worker examines the batch. */
  examined?: Promise<Result>;
}

/**
 * Examines each batch of `batches` by `pool` or on this thread; results reach
 * `examination.accept` in source order, with a bounded number in flight.
 */
export async function examineInBatches<Result, Here extends {kind: string}>(
  batches: AsyncIterable<SourceBatch<Here>>,
  pool: BatchWorkerPool<Result>,
  examination: SourceExamination<Result, Here>,
): Promise<void> {
  const pending: Pending<Result>[] = [];
  const maxPending = (pool.size + 1) * BATCHES_PER_WORKER;
  const apply = async (wait: boolean) => {
    while (pending.length > 0 && (wait || pending[0].done)) {
      const oldest = pending.shift()!;
      await examination.accept(oldest.done ? (oldest.result as Result) : await oldest.examined!, oldest.bytesThrough);
      wait = false;
    }
  };
  for await (const batch of batches) {
    const entry: Pending<Result> = {bytesThrough: batch.bytesThrough, done: false};
    if (batch.kind !== 'lines') {
      entry.result = examination.here(batch as Here);
      entry.done = true;
    } else if (pool.hasRoom()) {
      entry.examined = pool.examine(batch as LineBatch);
      entry.examined.then(
        (result) => {
          entry.result = result;
          entry.done = true;
        },
        // Rethrown when this entry's turn comes; it must not go unhandled meanwhile.
        () => {},
      );
    } else {
      entry.result = examination.examine(batch as LineBatch);
      entry.done = true;
      pool.buffers.recycle((batch as LineBatch).bytes.buffer);
    }
    pending.push(entry);
    await apply(pending.length >= maxPending);
  }
  while (pending.length > 0) await apply(true);
}
