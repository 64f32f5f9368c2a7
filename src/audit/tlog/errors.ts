// The one error type of the transparency log: a stable code for each way a
// key, note, checkpoint, proof, trail, witness or attestation can fail, so a
// command maps codes to exit codes and wording without reading the message.

export type TlogErrorCode =
  /** A signer or verifier key that is not in the signed-note key format, or whose key ID does not match. */
  | 'malformed-key'
  /** A key file that already exists (key generation never overwrites one). */
  | 'key-exists'
  /** A signed note that breaks a rule of c2sp.org/signed-note. */
  | 'malformed-note'
  /** Text that is not a c2sp.org/tlog-checkpoint (or a note that is not one). */
  | 'malformed-checkpoint'
  /** A proof text or hash list that is not well formed (header, index, hash lines, number of hashes). */
  | 'malformed-proof'
  /** A signature by a known key (name and key ID match) that does not verify. */
  | 'bad-signature'
  /** No signature by any of the given keys (for a checkpoint: by a log key named as its origin). */
  | 'unknown-key'
  /** The checkpoint's origin is not the one expected, or not the name of the key that signed it. */
  | 'origin-mismatch'
  /** The tree computed (from the trail, or from a leaf and its proof) has another root than the checkpoint's. */
  | 'root-mismatch'
  /** The trail has fewer leaves than the checkpoint's tree size. */
  | 'trail-too-short'
  /** The artifact to check against a proof is empty (no bytes, or a blank line): no artifact was given. */
  | 'no-artifact'
  /** A leaf index at or beyond the tree size. */
  | 'index-out-of-range'
  /** The newer tree does not extend the older one (or the older is the larger). */
  | 'inconsistent-trees'
  /** The checkpoint a proof carries is not the checkpoint it was checked against. */
  | 'checkpoint-mismatch'
  /** No leaf of the trail is the artifact with that checksum. */
  | 'leaf-not-found'
  /** Fewer witness cosignatures verified than the quorum asks for. */
  | 'quorum-not-met'
  /** A quorum that is not between 1 and the number of witnesses. */
  | 'invalid-quorum'
  /** A witness was asked to cosign from another tree size than the one it last cosigned. */
  | 'witness-conflict'
  /** A witness state file that is not a checkpoint cosigned by this witness for this log. */
  | 'witness-state'
  /** A DSSE envelope or in-toto Statement that is not well formed, or not of the expected type. */
  | 'malformed-envelope'
  /** The file (an export, a fleet report) is not the attested subject (another SHA-256 or name). */
  | 'subject-mismatch'
  /** A file checked against the attestation (an export's input trail, a fleet's summary or trail) differs from the attested one (size or SHA-256), or is not in it. */
  | 'input-mismatch';

export interface TlogErrorDetails {
  /** The file the failure is about, when there is one. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** What was expected and what was found, for messages and JSON output. */
  expected?: string | number;
  found?: string | number;
}

/** A transparency-log failure: `code` is stable, `message` is one line for people. */
export class TlogError extends Error {
  override name = 'TlogError';
  readonly file?: string;
  readonly line?: number;
  readonly expected?: string | number;
  readonly found?: string | number;

  constructor(
    readonly code: TlogErrorCode,
    message: string,
    details: TlogErrorDetails = {},
  ) {
    super(message);
    this.file = details.file;
    this.line = details.line;
    this.expected = details.expected;
    this.found = details.found;
  }

  /** The same failure, said of `file` (kept when the error already names one). */
  inFile(file: string): TlogError {
    if (this.file !== undefined) return this;
    return new TlogError(this.code, this.message, {file, line: this.line, expected: this.expected, found: this.found});
  }
}
