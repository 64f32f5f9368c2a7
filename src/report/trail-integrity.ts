// The integrity of each input trail of a compliance report, as the human
// reports and the attestation show it: whether its chain verified (links,
// checksums, and signatures when a key is given) and whether its signed
// checkpoint verified, by which log key. Nothing is verified here: the chain
// is `verifyTrails`' verdict and the checkpoint `verifyTrailCheckpoints`'.

import type {TlogErrorCode} from '../audit/tlog/errors.js';
import type {NoteVerifier} from '../audit/tlog/keys.js';
import {verifyTrailCheckpoints} from '../audit/tlog/log.js';
import {parseCheckpointNote} from '../audit/tlog/checkpoint.js';
import {TlogError} from '../audit/tlog/errors.js';
import {verifyTrails, type VerifyProblemCode} from '../audit/verify/index.js';

export interface IntegrityInput {
  /** The input as the user named it. */
  name: string;
  /** Its path, or null when it cannot be read again (stdin, a named pipe). */
  path: string | null;
  /** Its checkpoint note and where it came from (`TRAIL.checkpoint` or `--checkpoint`), or null when it has none. */
  checkpoint: {note: string | Uint8Array; source: string} | null;
}

export interface IntegrityOptions {
  /** HMAC key bytes: signatures are checked with it (every artifact must be signed); without one they are not checked. */
  signingKey?: Uint8Array | null;
  /** Log keys to verify the checkpoints with; without any, a checkpoint is `unchecked`. */
  logKeys?: readonly NoteVerifier[];
}

export interface ChainIntegrity {
  /**
   * verified: no problem; failed: see `problem`; unchained: no artifact of it
   * is chained (written without --chain), so there is no chain to verify;
   * not-checked: the input was stdin or a named pipe, read once already.
   */
  status: 'verified' | 'failed' | 'unchained' | 'not-checked';
  artifacts: number;
  /** Problems found (0 when verified). */
  problemCount: number;
  /** The first problem, its code and line. */
  problem?: {code: VerifyProblemCode; line: number | null; message: string};
  /** Whether HMAC signatures were checked (a key was given). */
  signaturesChecked: boolean;
}

export interface CheckpointIntegrity {
  /**
   * none: the input has no checkpoint; unchecked: it has one but no log key was
   * given; verified: signed by `logKey` and the trail's first `size` leaves have
   * its root; failed: see `code`.
   */
  status: 'none' | 'unchecked' | 'verified' | 'failed';
  /** Where the checkpoint came from. */
  source?: string;
  /** Its tree size, once it could be read. */
  size?: number;
  /** The verifier key that signed it, when verified. */
  logKey?: string;
  code?: TlogErrorCode;
  message?: string;
}

export interface TrailIntegrity {
  name: string;
  chain: ChainIntegrity;
  checkpoint: CheckpointIntegrity;
}

/** The integrity of each input, in order: one more read of each trail (and of its first checkpointed leaves). */
export async function checkTrailIntegrity(inputs: readonly IntegrityInput[], options: IntegrityOptions = {}): Promise<TrailIntegrity[]> {
  const results: TrailIntegrity[] = [];
  for (const input of inputs) {
    results.push({name: input.name, chain: await chainIntegrity(input, options), checkpoint: await checkpointIntegrity(input, options)});
  }
  return results;
}

async function chainIntegrity(input: IntegrityInput, options: IntegrityOptions): Promise<ChainIntegrity> {
  const signaturesChecked = (options.signingKey ?? null) !== null;
  if (input.path === null) return {status: 'not-checked', artifacts: 0, problemCount: 0, signaturesChecked};
  const report = await verifyTrails([{file: input.name, source: input.path}], {signingKey: options.signingKey ?? null, maxErrors: 1, threads: 1});
  const [file] = report.files;
  const first = report.problems[0];
  const unchained = file !== undefined && file.chains.length === 0 && file.artifacts > 0 && first?.code === 'not-chained' && report.problemCount === file.artifacts;
  return {
    status: report.valid ? 'verified' : unchained ? 'unchained' : 'failed',
    artifacts: file?.artifacts ?? 0,
    problemCount: report.problemCount,
    ...(first === undefined ? {} : {problem: {code: first.code, line: first.line, message: first.message}}),
    signaturesChecked,
  };
}

async function checkpointIntegrity(input: IntegrityInput, options: IntegrityOptions): Promise<CheckpointIntegrity> {
  const given = input.checkpoint;
  if (given === null) return {status: 'none'};
  const logKeys = options.logKeys ?? [];
  if (logKeys.length === 0 || input.path === null) return {status: 'unchecked', source: given.source, ...sizeOf(given.note)};
  const checked = await verifyTrailCheckpoints(input.path, [{note: given.note, source: given.source}], logKeys);
  const [result] = checked.results;
  if (result.ok) return {status: 'verified', source: given.source, size: result.checkpoint?.size, logKey: result.logKey};
  // The message names the trail by its path; the report names it as the user did.
  const message = result.message?.split(input.path).join(input.name);
  return {status: 'failed', source: given.source, ...sizeOf(given.note), code: result.code, message};
}

/** The tree size a checkpoint claims, when it is one. */
function sizeOf(note: string | Uint8Array): {size?: number} {
  try {
    return {size: parseCheckpointNote(note).checkpoint.size};
  } catch (error) {
    if (error instanceof TlogError) return {};
    throw error;
  }
}
