// How worker threads are started (io/batch-workers.ts): from each worker's ES
// module, unless the start-up says otherwise. Kept apart from the pool so the
// CLI's start path can set it without loading the pool.

import {Worker, type WorkerOptions} from 'node:worker_threads';

/**
 * A worker script: its ES module, and the name a start-up that holds every
 * worker (the CLI's bundle, bin/bundle-worker.js) serves it by.
 */
export interface WorkerScript {
  url: URL;
  name: WorkerName;
}

/** The worker scripts there are. */
export type WorkerName = 'enforce' | 'chain-verify' | 'compliance';

/** Starts a worker thread running `script` with `options` (its `workerData` included). */
export type WorkerStarter = (script: WorkerScript, options: WorkerOptions) => Worker;

/** By default a worker runs its script's ES module, as built beside it. */
let starter: WorkerStarter = (script, options) => new Worker(script.url, options);

/** Starts a worker thread running `script`, as the start-up said (`startWorkersWith`). */
export function startWorker(script: WorkerScript, options: WorkerOptions): Worker {
  return starter(script, options);
}

/**
 * Starts every later worker with `starter`: the CLI starts them from its
 * bundle with the code cache (bin/bundle-worker.js), which an ES module
 * cannot use, so a worker is deciding within tens of milliseconds rather than
 * a quarter of a second.
 */
export function startWorkersWith(given: WorkerStarter): void {
  starter = given;
}
