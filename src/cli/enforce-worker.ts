// A worker thread of `aigc enforce --threads N` (enforce-batches.ts): decides
// each batch of the input it is sent, with the same settings and gates as the
// main thread, and sends back the batch's output bytes and records.

import {workerData} from 'node:worker_threads';
import {serveBatches} from '../io/batch-workers.js';
import {chunkBuffers} from '../io/utf8-chunks.js';
import {decideBatch} from './enforce-batches.js';
import {createItemDecider} from './enforce-items.js';
import type {EnforceWorkerData} from './enforce-threads.js';
import {loadGateModules} from './gates.js';
import {redactionPatternsFromFlags} from './redact-flags.js';

// As on the main thread (src/cli/start/main.ts): FAILs are values, and capturing their stacks costs more than deciding them.
if ((process.env.DEBUG ?? '') === '') Error.stackTraceLimit = 0;

const {settings, redact, gates, cwd, record} = workerData as EnforceWorkerData;
// The main thread loaded the same modules and parsed the same flags before starting any worker, so these succeed.
const customGates = await loadGateModules(gates, cwd, (url) => import(url));
const decider = createItemDecider({...settings, redactionPatterns: redactionPatternsFromFlags(redact)}, customGates);

// The output's chunks are moved to the main thread, not copied.
serveBatches(
  (batch) => decideBatch(batch, decider, record),
  (decided) => chunkBuffers(decided.output),
);
