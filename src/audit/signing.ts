// HMAC-SHA256 signing of artifacts. The payload is the canonical JSON of the
// artifact without `signature` and without the chain fields, so a signed
// artifact stays verifiable after it is chained (compatibility.md §3); for an
// unchained artifact this is exactly the reference's payload.

import {createHmac, timingSafeEqual} from 'node:crypto';
import {canonicalJson} from '../canonical/index.js';
import type {PyDict} from '../python/values.js';

export const CHAIN_FIELDS = ['chain_id', 'chain_index', 'previous_audit_checksum', 'checksum'] as const;
const UNSIGNED_FIELDS: ReadonlySet<string> = new Set(['signature', ...CHAIN_FIELDS]);

/** Signs and verifies payload bytes. */
export interface ArtifactSigner {
  sign(payload: Buffer): string;
  verify(payload: Buffer, signature: unknown): boolean;
}

export class HmacSigner implements ArtifactSigner {
  readonly #key: Buffer;

  constructor(key: Buffer | Uint8Array | string) {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (bytes.length === 0) throw new RangeError('Signing key must be non-empty');
    this.#key = bytes;
  }

  sign(payload: Buffer): string {
    return createHmac('sha256', this.#key).update(payload).digest('hex');
  }

  /** A non-string signature is a failed verification (the reference raises). */
  verify(payload: Buffer, signature: unknown): boolean {
    if (typeof signature !== 'string') return false;
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** The bytes a signature covers. */
export function signaturePayload(artifact: PyDict): Buffer {
  const payload: PyDict = {};
  for (const key of Object.keys(artifact)) {
    if (UNSIGNED_FIELDS.has(key)) continue;
    // Data stays data: `__proto__` must not set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(payload, key, {value: artifact[key], enumerable: true, writable: true, configurable: true});
    else payload[key] = artifact[key];
  }
  return Buffer.from(canonicalJson(payload), 'utf8');
}

/** Sets `artifact.signature` in place and returns the artifact. */
export function signArtifact(artifact: PyDict, signer: ArtifactSigner): PyDict {
  artifact.signature = signer.sign(signaturePayload(artifact));
  return artifact;
}

/** False when the artifact has no signature or it does not verify. */
export function verifyArtifact(artifact: PyDict, signer: ArtifactSigner): boolean {
  const signature = artifact.signature;
  if (signature === undefined || signature === null) return false;
  return signer.verify(signaturePayload(artifact), signature);
}
