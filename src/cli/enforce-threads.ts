// `aigc enforce --threads N` on the main thread: N - 1 worker threads
// (enforce-worker.ts) and this one decide the batches of the input
// (enforce-batches.ts); each batch's output (with --chain, its link
// templates) reaches `accept` in input order.

import type {Readable} from 'node:stream';
import {LinkTemplateWriter, templateBuffers} from '../audit/link-template.js';
import {BatchWorkerPool, examineInBatches, serveBatches, workerScriptExists} from '../io/batch-workers.js';
import type {JsonStreamItem} from '../io/json-values.js';
import type {WorkerScript} from '../io/worker-start.js';
import {chunkBuffers} from '../io/utf8-chunks.js';
import type {ModuleImporter} from './command-io.js';
import {
  type DecidedBatch,
  batchItems,
  decideItems,
  ENFORCE_BATCH_BYTES,
  enforceBatches,
  type StreamPiece,
  StreamPieces,
  type TemplatedBatch,
  templateItems,
} from './enforce-batches.js';
import {createItemDecider, type DeciderSettings, type ItemDecider} from './enforce-items.js';
import {loadGateModules} from './gates.js';
import {redactionPatternsFromFlags} from './redact-flags.js';

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
  /** With --chain: batches are decided into link templates (`TemplatedBatch`), not output. */
  chain: boolean;
}

/** What a batch is decided into: its output, or with --chain its link templates. */
export type EnforceBatchResult = DecidedBatch | TemplatedBatch;

/** How this thread and the workers decide a batch's items. */
export function batchExaminer(decider: ItemDecider, data: Pick<EnforceWorkerData, 'settings' | 'record' | 'chain'>): (items: readonly JsonStreamItem[]) => EnforceBatchResult {
  if (!data.chain) return (items) => decideItems(items, decider, data.record);
  const writer = new LinkTemplateWriter(data.settings.pretty ? 'indented' : 'compact');
  return (items) => templateItems(items, decider, data.record, writer);
}

/** enforce-worker.ts as built next to this module; absent when running from TypeScript sources (then this thread decides alone). */
const WORKER_SCRIPT: WorkerScript = {url: new URL('./enforce-worker.js', import.meta.url), name: 'enforce'};

/**
 * In a worker thread (enforce-worker.ts, or the CLI's bundle): decides each
 * batch sent with the main thread's settings and gates, and moves the output's
 * chunks back rather than copying them.
 */
export async function serveEnforceBatches(data: EnforceWorkerData, importModule: ModuleImporter): Promise<void> {
  // As on the main thread (src/cli/start/main.ts): FAILs are values, and capturing their stacks costs more than deciding them.
  if ((process.env.DEBUG ?? '') === '') Error.stackTraceLimit = 0;
  // The main thread loaded the same modules and parsed the same flags before starting any worker, so these succeed.
  const customGates = await loadGateModules(data.gates, data.cwd, importModule);
  const decider = createItemDecider({...data.settings, redactionPatterns: redactionPatternsFromFlags(data.redact)}, customGates);
  const examine = batchExaminer(decider, data);
  // Output chunks and templates' bytes are moved, not copied.
  serveBatches(
    (batch) => examine(batchItems(batch)),
    (result) => ('output' in result ? chunkBuffers(result.output) : templateBuffers(result.templates)),
  );
}

/**
 * Decides `source` on `threads` threads; `accept` gets each batch's result in
 * order (a DecidedBatch, or with `workerData.chain` a TemplatedBatch); reading
 * stops once `stopped()`.
 */
export async function enforceOnThreads(
  source: Readable,
  threads: number,
  workerData: EnforceWorkerData,
  decider: ItemDecider,
  accept: (batch: EnforceBatchResult) => void | Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const pool = new BatchWorkerPool<EnforceBatchResult>(WORKER_SCRIPT, workerScriptExists(WORKER_SCRIPT) ? threads - 1 : 0, workerData, ENFORCE_BATCH_BYTES, null);
  const examine = batchExaminer(decider, workerData);
  const pieces = new StreamPieces(examine);
  try {
    await examineInBatches(enforceBatches(source as AsyncIterable<Buffer>, pool.buffers, stopped), pool, {
      examine: (batch) => examine(batchItems(batch)),
      here: (piece: StreamPiece) => pieces.decide(piece),
      accept: (batch) => accept(batch),
    });
  } finally {
    await pool.close();
  }
}
