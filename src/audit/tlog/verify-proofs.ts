// Offline verification of proof texts, without the trail: what an auditor
// holding the log's public key (and witnesses' keys) runs on a proof file.

import {type OpenedCheckpoint, openCheckpoint} from './checkpoint.js';
import {quoted} from './encoding.js';
import {TlogError} from './errors.js';
import type {NoteVerifier} from './keys.js';
import {EMPTY_ROOT, verifyConsistency, verifyInclusion} from './merkle.js';
import {parseConsistencyProof, parseInclusionProof} from './proof-text.js';
import {artifactLeafHash} from './trail.js';
import {type Cosignature, verifyCosignatures} from './witness.js';

export interface WitnessPolicy {
  /** Witness keys; each checkpoint must carry `quorum` of their cosignatures (default all). */
  witnesses?: readonly NoteVerifier[];
  quorum?: number;
  /** The log origin expected; another is `origin-mismatch`. */
  origin?: string;
}

export interface InclusionVerification {
  index: number;
  checkpoint: OpenedCheckpoint;
  cosignatures: Cosignature[];
}

/**
 * Verifies a `c2sp.org/tlog-proof@v1` proof for an artifact as it stands in
 * the trail (one final line ending ignored): the checkpoint's signature by one
 * of `logKeys`, the witnesses' quorum, then that the artifact is leaf `index`
 * of the checkpoint's tree (`root-mismatch` when it is not).
 */
export function verifyInclusionProofText(proofText: string | Uint8Array, artifact: Uint8Array | string, logKeys: readonly NoteVerifier[], policy: WitnessPolicy = {}): InclusionVerification {
  // First, so an empty input is said to be no artifact whatever the proof is.
  const leafHash = artifactLeafHash(artifact);
  const proof = parseInclusionProof(proofText);
  const checkpoint = openCheckpoint(proof.checkpoint, logKeys, {origin: policy.origin});
  const cosignatures = verifyCosignatures(proof.checkpoint, policy.witnesses ?? [], policy.quorum);
  const {size, root} = checkpoint.checkpoint;
  verifyInclusion({index: proof.index, size, leafHash, proof: proof.hashes, root});
  return {index: proof.index, checkpoint, cosignatures};
}

export interface ConsistencyVerification {
  oldSize: number;
  /** The older checkpoint (null when the proof is from the empty tree). */
  oldCheckpoint: OpenedCheckpoint | null;
  newCheckpoint: OpenedCheckpoint;
  cosignatures: Cosignature[];
}

export interface ConsistencyCheckpoints {
  /** The older checkpoint note; needed unless the proof is from the empty tree. */
  old?: string | Uint8Array | null;
  /** The newer checkpoint note; when given, it must be the one the proof carries (signatures may differ). */
  new?: string | Uint8Array | null;
}

/**
 * Verifies an `aigc.dev/tlog-consistency-proof@v1` proof offline: both
 * checkpoints signed by one of `logKeys`, of one log, the proof from the older
 * one's size to the newer one's, and the newer tree extending the older one
 * (`inconsistent-trees` across a rewrite).
 */
export function verifyConsistencyProofText(
  proofText: string | Uint8Array,
  checkpoints: ConsistencyCheckpoints,
  logKeys: readonly NoteVerifier[],
  policy: WitnessPolicy = {},
): ConsistencyVerification {
  const proof = parseConsistencyProof(proofText);
  const carried = openCheckpoint(proof.checkpoint, logKeys, {origin: policy.origin});
  let newCheckpoint = carried;
  if (checkpoints.new !== undefined && checkpoints.new !== null) {
    newCheckpoint = openCheckpoint(checkpoints.new, logKeys, {origin: policy.origin});
    if (newCheckpoint.text !== carried.text) throw new TlogError('checkpoint-mismatch', 'the proof is to another checkpoint than the newer one given');
  }
  const cosignatures = verifyCosignatures(newCheckpoint.note, policy.witnesses ?? [], policy.quorum);
  const {size: newSize, root: newRoot, origin} = newCheckpoint.checkpoint;
  let oldCheckpoint: OpenedCheckpoint | null = null;
  if (checkpoints.old !== undefined && checkpoints.old !== null) {
    oldCheckpoint = openCheckpoint(checkpoints.old, logKeys);
    if (oldCheckpoint.checkpoint.origin !== origin) {
      throw new TlogError('origin-mismatch', `the checkpoints are of two logs: ${quoted(oldCheckpoint.checkpoint.origin)} and ${quoted(origin)}`);
    }
    if (oldCheckpoint.checkpoint.size !== proof.oldSize) {
      throw new TlogError('checkpoint-mismatch', `the proof is from ${proof.oldSize} leaves; the older checkpoint is of ${oldCheckpoint.checkpoint.size}`, {
        expected: oldCheckpoint.checkpoint.size,
        found: proof.oldSize,
      });
    }
  } else if (proof.oldSize !== 0) {
    throw new TlogError('checkpoint-mismatch', `the proof is from ${proof.oldSize} leaves: the older checkpoint is needed to check it`);
  }
  const oldRoot = oldCheckpoint?.checkpoint.root ?? EMPTY_ROOT;
  verifyConsistency({oldSize: proof.oldSize, newSize, oldRoot, newRoot, proof: proof.hashes});
  return {oldSize: proof.oldSize, oldCheckpoint, newCheckpoint, cosignatures};
}
