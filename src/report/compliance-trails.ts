// Reading the trails of a compliance report: stdin as a stream, a file in
// batches of whole lines (read once, so a FIFO works), each line classified
// (artifact-facts.ts) on this thread or, for a large file, on every core
// (worker.ts), and counted in file order, so every way gives the same report.

import {statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import type {Readable} from 'node:stream';
import {BatchWorkerPool, examineFileInBatches, serveBatches, workerScriptExists} from '../io/batch-workers.js';
import type {WorkerScript} from '../io/worker-start.js';
import {JsonlSourceError} from '../io/jsonl.js';
import {ArtifactClassifier, type BatchFacts, classifyBatch} from './artifact-facts.js';
import {type ComplianceOptions, type ComplianceReport, ComplianceTally} from './compliance.js';
import {LeadingBomLine, readTrailStream} from './trail-lines.js';

/** One input: its name in messages and the report (`stdin` for `-`), and what to read (`-` for stdin). */
export interface ComplianceTrail {
  name: string;
  path: string;
}

export interface ComplianceReadOptions extends ComplianceOptions {
  /** What `-` reads; default `process.stdin`. */
  stdin?: Readable;
  /** Threads classifying a large file; default one per CPU, up to 4 (1: this thread alone). */
  threads?: number;
  /** Lines longer than this are counted as invalid unread; default 64 MiB. */
  maxLineBytes?: number;
  /** Batch size for files (for tests); default 512 KiB. */
  batchBytes?: number;
}

/** What a worker is started with. */
export interface ComplianceWorkerData {
  lineage: boolean;
  maxLineBytes: number | undefined;
}

/** worker.ts as built next to this module; absent when running from TypeScript sources. */
const WORKER_SCRIPT: WorkerScript = {url: new URL('./worker.js', import.meta.url), name: 'compliance'};

/** In a worker thread (worker.ts, or the CLI's bundle): classifies each batch sent with `data`'s settings. */
export function serveComplianceBatches(data: ComplianceWorkerData): void {
  const classifier = new ArtifactClassifier({lineage: data.lineage});
  serveBatches((batch) => classifyBatch(batch, classifier, data.maxLineBytes));
}
/** Below this, starting workers costs more than they save. */
const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;
/** Each worker holds a heap of its own, and past a few this thread's counting is the limit. */
const DEFAULT_MAX_THREADS = 4;

/** Reads every trail in order and builds the report; throws `JsonlSourceError` (named as the trail) for one that cannot be read. */
export async function readComplianceReport(trails: readonly ComplianceTrail[], options: ComplianceReadOptions): Promise<ComplianceReport> {
  const tally = new ComplianceTally(options);
  const classifier = new ArtifactClassifier({lineage: options.lineage, keepArtifacts: options.includeArtifacts});
  let workers: BatchWorkerPool<BatchFacts> | null = null;
  const here = new BatchWorkerPool<BatchFacts>(WORKER_SCRIPT, 0, null, options.batchBytes);
  try {
    for (const trail of trails) {
      try {
        if (trail.path === '-') {
          for await (const record of readTrailStream(options.stdin ?? process.stdin, classifier.parse, options.maxLineBytes)) {
            tally.add(trail.name, classifier.classify(record));
          }
          continue;
        }
        const threads = threadsFor(trail.path, options);
        if (threads > 1) workers ??= new BatchWorkerPool(WORKER_SCRIPT, threads - 1, {lineage: Boolean(options.lineage), maxLineBytes: options.maxLineBytes} satisfies ComplianceWorkerData, options.batchBytes);
        await readTrailFile(trail, threads > 1 ? workers! : here, classifier, tally, options.maxLineBytes);
      } catch (error) {
        if (error instanceof JsonlSourceError) throw new JsonlSourceError(trail.name, error.code, {cause: error});
        throw error;
      }
    }
  } finally {
    await workers?.close();
  }
  return tally.report();
}

async function readTrailFile(
  trail: ComplianceTrail,
  pool: BatchWorkerPool<BatchFacts>,
  classifier: ArtifactClassifier,
  tally: ComplianceTally,
  maxLineBytes: number | undefined,
): Promise<void> {
  let bom = false;
  const leading = new LeadingBomLine(() => bom);
  const add = (record: Parameters<ArtifactClassifier['classify']>[0] | null) => {
    if (record !== null) tally.add(trail.name, classifier.classify(record));
  };
  await examineFileInBatches(
    trail.path,
    pool,
    {
      examine: (batch) => classifyBatch(batch, classifier, maxLineBytes),
      tooLong: (line) => ({bom: false, facts: [classifier.classify(line.record)]}),
      accept: (result) => {
        if (result.bom) bom = true;
        for (const facts of result.facts) {
          add(leading.before(facts.line));
          tally.add(trail.name, facts);
        }
      },
    },
    maxLineBytes,
  );
  add(leading.atEnd());
}

/** Threads for a file: the artifacts themselves (`includeArtifacts`) do not cross threads. */
function threadsFor(path: string, options: ComplianceReadOptions): number {
  if (options.includeArtifacts || !workerScriptExists(WORKER_SCRIPT)) return 1;
  if (options.threads !== undefined) return options.threads;
  return fileSize(path) >= PARALLEL_FROM_BYTES ? Math.min(availableParallelism(), DEFAULT_MAX_THREADS) : 1;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // Read on this thread, which reports why it cannot be.
    return 0;
  }
}
