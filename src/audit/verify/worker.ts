// A worker thread of parallel verification (parallel.ts): examines the
// lines of each batch it is sent and sends back their facts, in order.

import {workerData} from 'node:worker_threads';
import {serveVerifyBatches} from './parallel.js';
import type {VerifyWorkerData} from './types.js';

serveVerifyBatches(workerData as VerifyWorkerData);
