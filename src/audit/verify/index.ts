// Verification of hash-chained audit trails (JSONL), streaming and in constant
// memory per chain: only each chain's last link, next index and counts are kept.
//
// Artifacts are grouped by `chain_id` (several chains may share a file) and each
// chain is checked in file order like the reference's `verify_chain`: the
// `chain_index` sequence, the `previous_audit_checksum` link, the `checksum`
// recomputed over the canonical form (legacy artifacts without one link by the
// hash of the whole artifact) and, given a key, the HMAC signature (payload
// per compatibility.md §3). Unlike the reference, verification resynchronises
// after a problem, so each tampering is reported where it happened instead of
// at every later position, and every problem carries a stable code, its line,
// and what was expected and found.
//
// This module decides how each file is read. What a line shows by itself
// (line.ts) is found on this thread or, for large files, in worker threads
// (parallel.ts); the bookkeeping across lines (trail.ts) is always done on
// this thread, in file order, so both give the same report.

import {statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {type JsonlSource, readJsonLines} from '../../io/jsonl.js';
import {hmacSignatureCheck, LineExaminer, signerSignatureCheck} from './line.js';
import {verifyFileInBatches, WorkerPool, workersAvailable} from './parallel.js';
import {ProblemList, TrailVerifier} from './trail.js';
import type {FileVerifyResult, SignatureCheck, VerifyInput, VerifyOptions, VerifyReport} from './types.js';

export type {
  ChainSummary,
  FileVerifyResult,
  ShownValue,
  VerifyInput,
  VerifyOptions,
  VerifyProblem,
  VerifyProblemCode,
  VerifyProgress,
  VerifyReport,
} from './types.js';

const DEFAULT_MAX_ERRORS = 1000;
const PROGRESS_EVERY = 4096;
/** Below this, starting workers costs more than they save. */
const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;
/** Each worker holds a heap of its own (some 40 MiB), and past a few this thread's bookkeeping is the limit. */
const DEFAULT_MAX_THREADS = 4;

/** Verifies each input in turn; throws `JsonlSourceError` for a source that cannot be read. */
export async function verifyTrails(inputs: readonly VerifyInput[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const problems = new ProblemList(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const signingKey = options.signingKey ?? null;
  const signatureCheck: SignatureCheck | null = signingKey !== null ? hmacSignatureCheck(signingKey) : options.signer ? signerSignatureCheck(options.signer) : null;
  const allowUnsigned = Boolean(options.allowUnsigned);
  const examiner = new LineExaminer({signatureCheck, allowUnsigned});
  const files: FileVerifyResult[] = [];
  let pool: WorkerPool | null = null;
  try {
    for (const input of inputs) {
      const verifier = new TrailVerifier(input.file, problems);
      const threads = threadsFor(input.source, options, signingKey !== null || signatureCheck === null);
      if (threads > 1 && typeof input.source === 'string') {
        pool ??= new WorkerPool(threads - 1, {signingKey, allowUnsigned, maxLineBytes: options.maxLineBytes});
        await verifyFileInBatches(input.source, verifier, examiner, pool, options);
      } else {
        await verifyStream(input, verifier, examiner, options);
      }
      files.push(verifier.finish());
    }
  } finally {
    await pool?.close();
  }
  return {
    files,
    problems: problems.kept,
    problemCount: problems.count,
    signaturesChecked: signatureCheck !== null,
    allowUnsigned,
    valid: problems.count === 0,
  };
}

async function verifyStream(input: VerifyInput, verifier: TrailVerifier, examiner: LineExaminer, options: VerifyOptions): Promise<void> {
  const onProgress = options.onProgress;
  let bytesRead = 0;
  const onRead = onProgress ? (bytes: number) => onProgress(verifier.progress((bytesRead = bytes))) : undefined;
  const records = readJsonLines(input.source, {maxLineBytes: options.maxLineBytes, stdin: options.stdin, onRead, parse: examiner.parse});
  let count = 0;
  for await (const record of records) {
    verifier.accept(examiner.examine(record));
    if (onProgress !== undefined && ++count % PROGRESS_EVERY === 0) onProgress(verifier.progress(bytesRead));
  }
}

/** How many threads examine the lines of `source`; a signer that is not a key cannot be handed to workers. */
function threadsFor(source: JsonlSource, options: VerifyOptions, keyOnly: boolean): number {
  if (typeof source !== 'string' || source === '-' || !keyOnly || !workersAvailable()) return 1;
  if (options.threads !== undefined) return options.threads;
  return fileSize(source) >= PARALLEL_FROM_BYTES ? Math.min(availableParallelism(), DEFAULT_MAX_THREADS) : 1;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // Read on this thread, which reports why it cannot be.
    return 0;
  }
}
