// A worker thread of `aigc enforce --threads N` (enforce-threads.ts) run as an
// ES module: decides each batch of the input it is sent, with the same
// settings and gates as the main thread, and sends back the batch's output
// bytes and records.

import {workerData} from 'node:worker_threads';
import {type EnforceWorkerData, serveEnforceBatches} from './enforce-threads.js';

await serveEnforceBatches(workerData as EnforceWorkerData, (url) => import(url));
