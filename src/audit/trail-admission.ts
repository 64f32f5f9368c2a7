// Which artifacts may enter an audit trail when they come from elsewhere
// (`aigc chain append`): only JSON objects that can be recorded (they have
// canonical bytes to hash: no NaN, no lone surrogates), and, with a key, only
// authentic ones: an artifact already signed must verify with the key, and an
// unsigned one is signed with it before it is chained (sign, then chain: the
// order in which both the signature and the chain verify). Without a key
// artifacts are admitted as they are.

import {CanonicalJsonError, canonicalJson} from '../canonical/canonical.js';
import {isDict, type PyDict, type PyValue} from '../python/values.js';
import {type ArtifactSigner, CHAIN_FIELDS, signArtifact, verifyArtifact} from './signing.js';

export type Admission = {admitted: true; artifact: PyDict; signedNow: boolean} | {admitted: false; reason: string};

/** Whether `value` may be chained, and as what (signed now when it was not and a signer is given). */
export function admitArtifact(value: PyValue, signer: ArtifactSigner | null): Admission {
  if (!isDict(value)) return {admitted: false, reason: 'not a JSON object'};
  try {
    if (signer === null) {
      assertRecordable(value);
      return {admitted: true, artifact: value, signedNow: false};
    }
    // Signing and verifying hash the canonical payload, so they find an unrecordable artifact too.
    if (value.signature === undefined || value.signature === null) return {admitted: true, artifact: signArtifact(value, signer), signedNow: true};
    if (!verifyArtifact(value, signer)) return {admitted: false, reason: 'its signature does not verify with the given key'};
    return {admitted: true, artifact: value, signedNow: false};
  } catch (error) {
    if (error instanceof CanonicalJsonError) return {admitted: false, reason: `it cannot be recorded (${error.message})`};
    throw error;
  }
}

/** Throws CanonicalJsonError unless the artifact can be chained: everything but stale chain fields (they are replaced) is hashed. */
export function assertRecordable(artifact: PyDict): void {
  const hashed: PyDict = {};
  for (const key of Object.keys(artifact)) {
    if ((CHAIN_FIELDS as readonly string[]).includes(key)) continue;
    // Defined, not assigned: a `__proto__` key is an own key like any other.
    Object.defineProperty(hashed, key, {value: artifact[key], enumerable: true, writable: true, configurable: true});
  }
  canonicalJson(hashed);
}
