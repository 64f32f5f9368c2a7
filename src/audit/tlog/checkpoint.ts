// Checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is the log's
// origin, its tree size (decimal, no leading zeroes), the base64 root hash and
// optional non-empty extension lines. A checkpoint counts as the log's only
// when a verified signature is by a log key (type 0x01) named as its origin;
// other verified signatures (witness cosignatures) are reported beside it.

import {decodeBase64, encodeBase64, parseDecimal, quoted} from './encoding.js';
import {TlogError} from './errors.js';
import type {NoteSigner, NoteVerifier} from './keys.js';
import {HASH_BYTES} from './merkle.js';
import {type NoteSignature, openNote, parseNote, signNote, type VerifiedNoteSignature} from './note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  /** Extension lines, in order (rarely used; not auditable by monitors). */
  extensions: readonly string[];
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  /** The note text the signatures cover. */
  text: string;
  /** The whole note as given. */
  note: string;
  /** The log key that signed it (its name is the origin). */
  logKey: NoteVerifier;
  /** Every verified signature, the log's and any cosignatures by the given keys. */
  verified: VerifiedNoteSignature[];
  /** Signatures by keys not given (witnesses the caller does not know, for instance). */
  unverified: NoteSignature[];
}

function malformed(reason: string): TlogError {
  return new TlogError('malformed-checkpoint', `not a checkpoint: ${reason}`);
}

/** The note text of a checkpoint. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const {origin, size, root, extensions} = checkpoint;
  if (origin.length === 0 || origin.includes('\n')) throw malformed('the origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed(`the tree size must be a non-negative integer, not ${size}`);
  if (root.length !== HASH_BYTES) throw malformed(`the root hash has ${root.length} bytes, not ${HASH_BYTES}`);
  for (const line of extensions) {
    if (line.length === 0 || line.includes('\n')) throw malformed('an extension line must be one non-empty line');
  }
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text (no signatures), strictly. */
export function parseCheckpointText(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the text does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed(`it has ${lines.length} line(s); a checkpoint has an origin, a tree size and a root hash`);
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  // Lines are described, not quoted: until they parse, the file may be anything a path was pointed at.
  if (origin.length === 0) throw malformed('the origin line is empty');
  const size = parseDecimal(sizeLine);
  if (size === null) throw malformed('the tree size (line 2) is not a decimal number without leading zeroes');
  const root = decodeBase64(rootLine);
  if (root === null || root.length !== HASH_BYTES) throw malformed(`the root hash (line 3) is not the base64 of ${HASH_BYTES} bytes`);
  if (extensions.some((line) => line.length === 0)) throw malformed('it has an empty extension line (or a blank line)');
  return {origin, size, root, extensions};
}

/** Parses a signed checkpoint without verifying its signatures (to read what it claims, never to trust it). */
export function parseCheckpointNote(note: string | Uint8Array): {checkpoint: Checkpoint; text: string; signatures: NoteSignature[]} {
  const parsed = asCheckpointError(() => parseNote(note));
  return {checkpoint: parseCheckpointText(parsed.text), text: parsed.text, signatures: parsed.signatures};
}

/** A malformed note is a malformed checkpoint, so a caller sees one code for "this is not a checkpoint". */
function asCheckpointError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TlogError && error.code === 'malformed-note') throw new TlogError('malformed-checkpoint', error.message.replace(/^not a signed note/, 'not a checkpoint'));
    throw error;
  }
}

export interface SignCheckpointOptions {
  /** Cosigners or other signers to add after the log's signature. */
  cosigners?: readonly NoteSigner[];
  /** Seconds since the epoch, for cosignatures. */
  now?: number;
}

/**
 * The signed checkpoint of a tree: the origin is the log key's name (given,
 * it must be that name: `origin-mismatch` otherwise).
 */
export function signCheckpoint(tree: {size: number; root: Uint8Array; origin?: string; extensions?: readonly string[]}, logKey: NoteSigner, options: SignCheckpointOptions = {}): string {
  if (logKey.type !== 'ed25519') throw new TlogError('malformed-key', `${logKey.name} is a cosignature key; a checkpoint is signed by a log key (type 0x01)`);
  const origin = tree.origin ?? logKey.name;
  if (origin !== logKey.name) throw new TlogError('origin-mismatch', `the checkpoint's origin ${quoted(origin)} is not the name of the key signing it (${quoted(logKey.name)})`);
  const text = formatCheckpoint({origin, size: tree.size, root: tree.root, extensions: tree.extensions ?? []});
  return signNote(text, [logKey, ...(options.cosigners ?? [])], {now: options.now});
}

export interface OpenCheckpointOptions {
  /** The origin the caller expects; another is `origin-mismatch`. */
  origin?: string;
}

/**
 * Reads a signed checkpoint and verifies it with `verifiers` (log keys, and
 * witness keys if their cosignatures should be checked too). It must be
 * signed by a log key named as its origin.
 */
export function openCheckpoint(note: string | Uint8Array, verifiers: readonly NoteVerifier[], options: OpenCheckpointOptions = {}): OpenedCheckpoint {
  const parsed = asCheckpointError(() => parseNote(note));
  const checkpoint = parseCheckpointText(parsed.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new TlogError('origin-mismatch', `the checkpoint is for the log ${quoted(checkpoint.origin)}, not ${quoted(options.origin)}`, {expected: options.origin, found: checkpoint.origin});
  }
  const opened = openNote(note, verifiers);
  const log = opened.verified.find((signature) => signature.verifier.type === 'ed25519' && signature.verifier.name === checkpoint.origin);
  if (log === undefined) {
    const other = opened.verified.find((signature) => signature.verifier.type === 'ed25519');
    if (other !== undefined) {
      throw new TlogError('origin-mismatch', `the checkpoint is signed by ${quoted(other.verifier.name)} but its origin is ${quoted(checkpoint.origin)}`, {expected: other.verifier.name, found: checkpoint.origin});
    }
    throw new TlogError('unknown-key', `the checkpoint of ${quoted(checkpoint.origin)} is not signed by any of the given log keys`);
  }
  return {
    checkpoint,
    text: opened.text,
    note: typeof note === 'string' ? note : Buffer.from(note).toString('utf8'),
    logKey: log.verifier,
    verified: opened.verified,
    unverified: opened.unverified,
  };
}
