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
// What a line shows by itself (verify-line.ts) is found on this thread or, for
// large files, in worker threads (verify-parallel.ts); the bookkeeping across
// lines (`TrailVerifier`) is always done here, in file order, so both give the
// same report.

import {statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import type {Readable} from 'node:stream';
import {type JsonlSource, readJsonLines} from '../io/jsonl.js';
import type {ArtifactSigner} from './signing.js';
import {type ArtifactLine, hmacSignatureCheck, LineExaminer, type LineFacts, type LineProblem, type SignatureCheck, signerSignatureCheck} from './verify-line.js';
import {verifyFileInBatches, WorkerPool, workersAvailable} from './verify-parallel.js';

export type VerifyProblemCode =
  /** A line that is not valid JSON. */
  | 'invalid-json'
  /** A line that is not valid UTF-8. */
  | 'invalid-utf8'
  /** A line over the size limit (skipped unread). */
  | 'line-too-long'
  /** The last line has no newline and is incomplete. */
  | 'truncated'
  /** A JSON value that is not an object. */
  | 'not-an-object'
  /** An object without a string `chain_id`. */
  | 'not-chained'
  /** The file holds no artifacts at all. */
  | 'no-artifacts'
  /** `chain_index` is not the next one of its chain. */
  | 'chain-index'
  /** The artifact links to one chain but names another. */
  | 'chain-id'
  /** `previous_audit_checksum` is not the checksum of the chain's previous artifact. */
  | 'broken-link'
  /** `checksum` does not match the artifact's content. */
  | 'checksum-mismatch'
  /** The artifact holds values with no canonical form (NaN, lone surrogates), so it cannot be hashed. */
  | 'not-canonical'
  /** No signature, and unsigned artifacts are not allowed. */
  | 'unsigned'
  /** A signature that is not a string. */
  | 'signature-malformed'
  /** A signature that does not verify with the key. */
  | 'signature-invalid';

/** A value as a problem shows it: JSON scalars as they are, anything else as canonical JSON text. */
export type ShownValue = string | number | boolean | null;

export interface VerifyProblem {
  code: VerifyProblemCode;
  message: string;
  file: string;
  /** 1-based line, or null for a problem of the whole file. */
  line: number | null;
  chainId: string | null;
  /** The artifact's place in its chain: its `chain_index` when that is an integer, else the expected one. */
  index: number | null;
  /** Absent when the problem has no single expected value; `found` is absent when the field is missing. */
  expected?: ShownValue;
  found?: ShownValue;
  /** For a broken link: the line of the chain's previous artifact. */
  previousLine?: number;
}

export interface ChainSummary {
  chainId: string;
  firstLine: number;
  lastLine: number;
  artifacts: number;
  /** Artifacts with no index, link, chain id or checksum problem. */
  intact: number;
  /** Signatures checked (unsigned artifacts count unless allowed); 0 without a signer. */
  signaturesChecked: number;
  signaturesValid: number;
  /** Unsigned artifacts accepted by `allowUnsigned`. */
  unsignedAllowed: number;
  /** The last artifact's `chain_index` and link checksum, to compare with an anchored copy (a cut tail is otherwise invisible). */
  lastIndex: number | null;
  lastChecksum: string | null;
}

export interface FileVerifyResult {
  file: string;
  /** The last line read that was not blank (so blank lines before it count). */
  lines: number;
  /** JSON objects read (chained or not). */
  artifacts: number;
  unreadableLines: number;
  chains: ChainSummary[];
  problemCount: number;
}

export interface VerifyReport {
  files: FileVerifyResult[];
  /** The first `maxErrors` problems, in file order. */
  problems: VerifyProblem[];
  problemCount: number;
  /** Whether signatures were checked (a signer was given). */
  signaturesChecked: boolean;
  allowUnsigned: boolean;
  valid: boolean;
}

export interface VerifyProgress {
  file: string;
  /** Bytes of the current file read so far. */
  bytesRead: number;
  artifacts: number;
  problems: number;
}

export interface VerifyOptions {
  /** Checks every signature with this signer; without one (or `signingKey`), signatures are not checked. */
  signer?: ArtifactSigner | null;
  /** Checks every signature with HMAC-SHA256 under these key bytes (as `HmacSigner` does); unlike `signer`, usable by worker threads. Wins over `signer`. */
  signingKey?: Uint8Array | null;
  /**
   * Threads examining a file's lines: 1 is this thread alone; N adds N - 1
   * worker threads. By default, one per available CPU (at most 4) for files
   * of 8 MiB or more, 1 for smaller ones. Streams and stdin are always read on this thread
   * alone, and so is everything when the worker script is not built (running
   * from TypeScript sources) or the signer is not a key (`signingKey`).
   */
  threads?: number;
  /** With a signer: an unsigned artifact is accepted (counted, not checked) instead of being a problem. */
  allowUnsigned?: boolean;
  /** Problems kept in the report (counting goes on); default 1000. */
  maxErrors?: number;
  /** Lines longer than this are reported and skipped (see `readJsonLines`). */
  maxLineBytes?: number;
  /** Called now and then while reading (every few thousand lines and every chunk). */
  onProgress?: (progress: VerifyProgress) => void;
  /** What `-` reads. */
  stdin?: Readable;
}

export interface VerifyInput {
  /** The name problems are reported under (a path, or `-`). */
  file: string;
  source: JsonlSource;
}

export const DEFAULT_MAX_ERRORS = 1000;
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

/** Problems of a whole run: all counted, the first `max` kept. */
export class ProblemList {
  readonly kept: VerifyProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}

  add(problem: VerifyProblem): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(problem);
  }
}

interface ChainState extends ChainSummary {
  /** The index the next artifact should have. */
  nextIndex: number;
  /** What the next artifact's `previous_audit_checksum` should be. */
  link: string | null;
}

/** A problem about an artifact's place in its chain, with the line its link points back to. */
type ChainProblem = LineProblem & {previousLine?: number};

/** Verifies the lines of one file, given in file order. */
export class TrailVerifier {
  artifacts = 0;
  private lines = 0;
  private unreadable = 0;
  private lastUnreadableLine = 0;
  private readonly problemsBefore: number;
  private readonly chains = new Map<string, ChainState>();

  constructor(
    readonly file: string,
    private readonly problems: ProblemList,
  ) {
    this.problemsBefore = problems.count;
  }

  progress(bytesRead: number): VerifyProgress {
    return {file: this.file, bytesRead, artifacts: this.artifacts, problems: this.problems.count};
  }

  accept(facts: LineFacts): void {
    this.lines = facts.line;
    switch (facts.kind) {
      case 'unreadable':
        this.unreadable++;
        this.lastUnreadableLine = facts.line;
        this.report(facts.problem, facts.line, null, null);
        return;
      case 'unchained':
        if (facts.isObject) this.artifacts++;
        this.report(facts.problem, facts.line, facts.chainId, null);
        return;
      case 'artifact':
        this.artifacts++;
        this.check(facts);
    }
  }

  finish(): FileVerifyResult {
    if (this.artifacts === 0 && this.unreadable === 0) {
      this.report({code: 'no-artifacts', message: 'the file holds no artifacts'}, null, null, null);
    }
    const chains: ChainSummary[] = [];
    for (const state of this.chains.values()) {
      const {nextIndex: _next, link: _link, ...summary} = state;
      chains.push(summary);
    }
    return {
      file: this.file,
      lines: this.lines,
      artifacts: this.artifacts,
      unreadableLines: this.unreadable,
      chains,
      problemCount: this.problems.count - this.problemsBefore,
    };
  }

  private check(artifact: ArtifactLine): void {
    const {line, chainId, index: foundIndex} = artifact;
    let state = this.chains.get(chainId);
    let intact = artifact.sound;
    if (state === undefined) {
      const linkedTo = this.chainEndingWith(artifact.previous);
      if (linkedTo !== undefined) {
        intact = false;
        const message = `the artifact links to the end of chain ${linkedTo.chainId} but its chain_id is ${JSON.stringify(chainId)}`;
        this.report({code: 'chain-id', message, expected: linkedTo.chainId, found: chainId}, line, linkedTo.chainId, foundIndex ?? linkedTo.nextIndex);
        state = linkedTo;
      } else {
        state = newChain(chainId, line);
        this.chains.set(chainId, state);
      }
    }
    const index = foundIndex ?? state.nextIndex;

    if (foundIndex !== state.nextIndex) {
      intact = false;
      const problem: ChainProblem = {code: 'chain-index', message: indexMessage(state, artifact), expected: state.nextIndex};
      if (artifact.indexFound !== undefined) problem.found = artifact.indexFound;
      this.report(problem, line, state.chainId, index);
    }

    if (artifact.previous !== state.link) {
      intact = false;
      const problem: ChainProblem = {code: 'broken-link', message: linkMessage(state, this.lastUnreadableLine), expected: state.link};
      if (artifact.previousFound !== undefined) problem.found = artifact.previousFound;
      if (state.artifacts > 0) problem.previousLine = state.lastLine;
      this.report(problem, line, state.chainId, index);
    }

    for (const problem of artifact.problems) this.report(problem, line, state.chainId, index);
    this.countSignature(state, artifact);

    // A verified artifact's own index is trusted, so one gap or repeat is reported once;
    // an altered one is taken to stand where the next artifact should.
    state.nextIndex = artifact.authentic && foundIndex !== null ? foundIndex + 1 : state.nextIndex + 1;
    state.link = artifact.link;
    state.artifacts++;
    if (intact) state.intact++;
    state.lastLine = line;
    state.lastIndex = foundIndex;
    state.lastChecksum = artifact.link;
  }

  private countSignature(state: ChainState, artifact: ArtifactLine): void {
    switch (artifact.signature) {
      case 'not-checked':
        return;
      case 'unsigned-allowed':
        state.unsignedAllowed++;
        return;
      case 'valid':
        state.signaturesValid++;
        break;
    }
    state.signaturesChecked++;
  }

  /** The chain whose last link is `previous`, when an artifact with an unknown chain id points there. */
  private chainEndingWith(previous: string | null | false): ChainState | undefined {
    if (typeof previous !== 'string') return undefined;
    for (const state of this.chains.values()) if (state.link === previous) return state;
    return undefined;
  }

  private report({code, message, ...values}: ChainProblem, line: number | null, chainId: string | null, index: number | null): void {
    this.problems.add({code, message, file: this.file, line, chainId, index, ...values});
  }
}

function newChain(chainId: string, line: number): ChainState {
  return {
    chainId,
    firstLine: line,
    lastLine: line,
    artifacts: 0,
    intact: 0,
    signaturesChecked: 0,
    signaturesValid: 0,
    unsignedAllowed: 0,
    lastIndex: null,
    lastChecksum: null,
    nextIndex: 0,
    link: null,
  };
}

function indexMessage(state: ChainState, artifact: ArtifactLine): string {
  const foundIndex = artifact.index;
  if (artifact.indexFound === undefined) return 'chain_index is missing';
  if (foundIndex === null) return 'chain_index is not an integer';
  if (state.artifacts === 0) return 'the chain starts here without its first artifact (chain_index 0): the start of the chain is missing';
  if (foundIndex > state.nextIndex) {
    const missing = foundIndex - state.nextIndex;
    return `${missing} artifact${missing === 1 ? ' is' : 's are'} missing before this one`;
  }
  return 'chain_index goes back: a duplicated or reordered artifact';
}

function linkMessage(state: ChainState, lastUnreadableLine: number): string {
  if (state.artifacts === 0) return 'the first artifact of a chain must have previous_audit_checksum null';
  const unreadable = lastUnreadableLine > state.lastLine ? ` (line ${lastUnreadableLine} between them could not be read)` : '';
  return `previous_audit_checksum is not the checksum of the chain's previous artifact (line ${state.lastLine})${unreadable}: one of them was changed, removed or moved`;
}
