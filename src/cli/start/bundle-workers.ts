// Worker threads started from the CLI's bundle: bin/bundle-worker.js loads
// the bundle with the code cache of the command that started it, as
// bin/run.js does, and serves the worker it is named. A worker run as an ES
// module (the engine's own scripts, for the library) compiles its modules
// afresh, about a quarter of a second on this project's machine before its
// first batch; from the bundle it is tens of milliseconds.

import {Worker} from 'node:worker_threads';
import type {WorkerName, WorkerStarter} from '../../io/worker-start.js';
import type {ModuleImporter} from '../command-io.js';

/** What bin/bundle-worker.js is given: the worker to serve, the words that pick the code cache, and the worker's own data. */
export interface BundleWorkerData {
  name: WorkerName;
  argv: string[];
  data: unknown;
}

/** Starts each worker by `entry` (bin/bundle-worker.js) with the cache of the command line `argv`. */
export function bundleWorkerStarter(entry: URL, argv: readonly string[]): WorkerStarter {
  return (script, options) => {
    const workerData: BundleWorkerData = {name: script.name, argv: argv.slice(0, 2), data: options.workerData};
    return new Worker(entry, {...options, workerData});
  };
}

/** In a worker thread started from the bundle: serves the worker `workerData` names. */
export async function serveWorker(workerData: BundleWorkerData, importModule: ModuleImporter): Promise<void> {
  // Loaded here, not with the start path: a command that starts no worker never loads them.
  switch (workerData.name) {
    case 'enforce': {
      const {serveEnforceBatches} = await import('../enforce-threads.js');
      await serveEnforceBatches(workerData.data as Parameters<typeof serveEnforceBatches>[0], importModule);
      return;
    }
    case 'chain-verify': {
      const {serveVerifyBatches} = await import('../../audit/verify/parallel.js');
      serveVerifyBatches(workerData.data as Parameters<typeof serveVerifyBatches>[0]);
      return;
    }
    case 'compliance': {
      const {serveComplianceBatches} = await import('../../report/compliance-trails.js');
      serveComplianceBatches(workerData.data as Parameters<typeof serveComplianceBatches>[0]);
      return;
    }
  }
}
