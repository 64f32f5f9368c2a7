// Witnesses (c2sp.org/tlog-cosignature, cosignature/v1 with timestamp; the
// checks of c2sp.org/tlog-witness add-checkpoint, offline and file-based).
//
// A witness keeps, per log, the last checkpoint it cosigned: its state file IS
// that checkpoint, with the log's signature and the witness's cosignature (what
// tlog-witness serves to monitors). Asked to cosign a newer checkpoint with a
// consistency proof, it checks the log's signature, that the proof starts from
// the size it last cosigned (`witness-conflict` otherwise, saying that size),
// and that the proof holds; then it adds its cosignature and replaces the state,
// all under a lock so two requests cannot roll the state back.

import {readFile} from 'node:fs/promises';
import {openCheckpoint, parseCheckpointText} from './checkpoint.js';
import {quoted} from './encoding.js';
import {TlogError} from './errors.js';
import {replaceFile} from './files.js';
import {cosignatureTimestamp, type NoteSigner, type NoteVerifier, parseVerifierKey} from './keys.js';
import {EMPTY_ROOT, sameHash, verifyConsistency} from './merkle.js';
import {openNote, parseNote, signNote} from './note.js';
import {parseConsistencyProof} from './proof-text.js';

const LOCK_OPTIONS = {realpath: false, stale: 30_000, retries: {retries: 500, minTimeout: 5, maxTimeout: 100}};

export interface Cosignature {
  witness: NoteVerifier;
  /** When the witness cosigned, in seconds since the epoch. */
  timestamp: number;
}

/**
 * Checks the cosignatures of a checkpoint note by `witnesses`: each one by a
 * given witness must verify (`bad-signature`), and at least `quorum` distinct
 * witnesses must have cosigned (`quorum-not-met`). Default quorum: all of them.
 */
export function verifyCosignatures(note: string | Uint8Array, witnesses: readonly NoteVerifier[], quorum: number = witnesses.length): Cosignature[] {
  if (!Number.isInteger(quorum) || quorum < (witnesses.length === 0 ? 0 : 1) || quorum > witnesses.length) {
    throw new TlogError('invalid-quorum', `a quorum is between 1 and the number of witnesses (${witnesses.length}), not ${quorum}`);
  }
  if (witnesses.length === 0) return [];
  const parsed = parseNote(note);
  const cosignatures: Cosignature[] = [];
  for (const signature of parsed.signatures) {
    const witness = witnesses.find((candidate) => candidate.name === signature.name && candidate.keyId === signature.keyId);
    if (witness === undefined) continue;
    if (!witness.verify(parsed.textBytes, signature.signature)) {
      throw new TlogError('bad-signature', `the cosignature by witness ${witness.name} does not verify: the checkpoint was changed or not cosigned by that key`);
    }
    if (cosignatures.some((seen) => seen.witness.verifierKey === witness.verifierKey)) continue;
    const timestamp = witness.type === 'cosignature/v1' ? Number(cosignatureTimestamp(signature.signature)) : 0;
    cosignatures.push({witness, timestamp});
  }
  if (cosignatures.length < quorum) {
    const names = cosignatures.map((cosignature) => cosignature.witness.name).join(', ') || 'none';
    throw new TlogError('quorum-not-met', `${cosignatures.length} of the ${witnesses.length} witnesses cosigned the checkpoint (${names}); ${quorum} are needed`, {
      expected: quorum,
      found: cosignatures.length,
    });
  }
  return cosignatures;
}

export interface WitnessOptions {
  /** The witness's own key (type cosignature/v1). */
  witnessKey: NoteSigner;
  /** The log keys the witness trusts (their names are the logs' origins). */
  logKeys: readonly NoteVerifier[];
  /** The witness's state for this log: the last checkpoint it cosigned (absent: none yet). */
  statePath: string;
  /** Seconds since the epoch; default now. */
  now?: number;
}

export interface CosignResult {
  /** The checkpoint with the witness's cosignature added (replacing an older one by the same witness). */
  checkpoint: string;
  /** The cosignature line alone, newline included (what add-checkpoint answers). */
  cosignature: string;
  origin: string;
  oldSize: number;
  size: number;
}

/**
 * Cosigns the checkpoint a consistency-proof text (`aigc.dev/tlog-consistency-proof@v1`)
 * carries, after the checks of tlog-witness add-checkpoint; replaces the state
 * with the cosigned checkpoint.
 */
export async function cosignCheckpoint(request: string | Uint8Array, options: WitnessOptions): Promise<CosignResult> {
  const {witnessKey} = options;
  if (witnessKey.type !== 'cosignature/v1') throw new TlogError('malformed-key', `${witnessKey.name} is not a witness key (type 0x04, cosignature/v1)`);
  const proof = parseConsistencyProof(request);
  const opened = openCheckpoint(proof.checkpoint, options.logKeys);
  const {checkpoint} = opened;
  if (proof.oldSize > checkpoint.size) throw new TlogError('malformed-proof', `the proof is from ${proof.oldSize} leaves, more than the checkpoint's ${checkpoint.size}`);
  if (checkpoint.size === 0 && !sameHash(checkpoint.root, EMPTY_ROOT)) throw new TlogError('root-mismatch', 'a checkpoint of the empty tree must have the empty tree’s root');
  const {default: lockfile} = await import('proper-lockfile');
  const release = await lockfile.lock(options.statePath, LOCK_OPTIONS);
  try {
    const last = await readWitnessState(options.statePath, parseVerifierKey(witnessKey.verifierKey), checkpoint.origin);
    const lastSize = last?.size ?? 0;
    if (proof.oldSize !== lastSize) {
      throw new TlogError('witness-conflict', `the witness last cosigned ${quoted(checkpoint.origin)} at ${lastSize} leaves; the proof is from ${proof.oldSize}`, {
        file: options.statePath,
        expected: lastSize,
        found: proof.oldSize,
      });
    }
    if (proof.oldSize === 0 && proof.hashes.length > 0) throw new TlogError('malformed-proof', 'a proof from the empty tree has no hashes');
    verifyConsistency({oldSize: lastSize, newSize: checkpoint.size, oldRoot: last?.root ?? EMPTY_ROOT, newRoot: checkpoint.root, proof: proof.hashes});
    const existing = parseNote(proof.checkpoint);
    const cosigned = signNote(existing.text, [witnessKey], {signatures: existing.signatures, now: options.now});
    // signNote writes new signatures last: the cosignature is the note's last line.
    const cosignature = cosigned.slice(cosigned.lastIndexOf('\n', cosigned.length - 2) + 1);
    await replaceFile(options.statePath, cosigned);
    return {checkpoint: cosigned, cosignature, origin: checkpoint.origin, oldSize: proof.oldSize, size: checkpoint.size};
  } finally {
    await release();
  }
}

/** The witness's last cosigned checkpoint of `origin`, or null when it has none; the state must carry the witness's own cosignature. */
async function readWitnessState(path: string, witness: NoteVerifier, origin: string): Promise<{size: number; root: Uint8Array} | null> {
  let note: Buffer;
  try {
    note = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const opened = openNote(note, [witness]);
    const checkpoint = parseCheckpointText(opened.text);
    if (checkpoint.origin !== origin) {
      throw new TlogError('witness-state', `the state holds the log ${quoted(checkpoint.origin)}, not ${quoted(origin)}: keep one state file per log`, {file: path});
    }
    return checkpoint;
  } catch (error) {
    if (error instanceof TlogError && error.code !== 'witness-state') {
      throw new TlogError('witness-state', `the witness state is not a checkpoint cosigned by ${witness.name}: ${error.message}`, {file: path});
    }
    throw error;
  }
}
