// Hash chains of artifacts: each link records its chain id, index and the
// previous artifact's checksum, then a SHA-256 of the whole artifact.

import {randomUUID} from 'node:crypto';
import {canonicalJson, checksum} from '../canonical/index.js';
import {sha256Hex} from '../canonical/canonical.js';
import {plainCanonicalJson} from '../canonical/plain.js';
import {pyStr} from '../python/repr.js';
import {pyEquals} from '../python/semantics.js';
import type {PyDict, PyValue} from '../python/values.js';
import {CHAIN_FIELDS} from './signing.js';

export class AuditChain {
  readonly chainId: string;
  #length: number;
  #lastChecksum: string | null;

  /** Starts a chain, or continues one whose last link is known. */
  constructor(chainId?: string | null, continueFrom?: {length: number; lastChecksum: string | null}) {
    this.chainId = chainId || randomUUID();
    this.#length = continueFrom?.length ?? 0;
    this.#lastChecksum = continueFrom?.lastChecksum ?? null;
  }

  get length(): number {
    return this.#length;
  }

  get lastChecksum(): string | null {
    return this.#lastChecksum;
  }

  /**
   * Appends in place. Stale chain fields from an earlier chain are dropped
   * first, so a moved artifact verifies (compatibility.md §5).
   */
  append(artifact: PyDict): PyDict {
    for (const field of CHAIN_FIELDS) delete artifact[field];
    artifact.chain_id = this.chainId;
    artifact.chain_index = this.#length;
    artifact.previous_audit_checksum = this.#lastChecksum;
    // A stream chains every artifact: the native path where it is exact.
    const sum = sha256Hex(plainCanonicalJson(artifact) ?? canonicalJson(artifact));
    artifact.checksum = sum;
    this.appendLinked(sum);
    return artifact;
  }

  /** Takes the next link, made elsewhere from this chain's id, length and last checksum (audit/link-template.ts): its checksum. */
  appendLinked(checksum: string): void {
    this.#lastChecksum = checksum;
    this.#length++;
  }
}

/** The checksum a verifier links to: the stored one, or the whole artifact's hash for legacy links. */
export function linkChecksum(artifact: PyDict): string {
  const stored = artifact.checksum;
  if (stored !== undefined && stored !== null) return String(stored);
  return checksum(artifact);
}

/** Recomputes an artifact's own checksum (over everything but `checksum`). */
export function recomputeChecksum(artifact: PyDict): string {
  const rest: PyDict = {};
  for (const key of Object.keys(artifact)) {
    if (key !== 'checksum') Object.defineProperty(rest, key, {value: artifact[key] as PyValue, enumerable: true, writable: true, configurable: true});
  }
  return checksum(rest);
}

/**
 * Checks an ordered list of chained artifacts in memory, as the reference's
 * `verify_chain`: index sequence, one chain id (the first artifact's), links
 * and each stored checksum; with the reference's messages. For files, of any
 * size and with several chains, use `aigc chain verify`.
 */
export function verifyChain(artifacts: readonly PyDict[]): {valid: boolean; errors: string[]} {
  const errors: string[] = [];
  const chainId = artifacts[0]?.chain_id;
  let previous: PyValue = null;
  artifacts.forEach((artifact, index) => {
    if (!pyEquals(artifact.chain_index, index)) {
      errors.push(`Index ${index}: expected chain_index=${index}, got ${pyStr(artifact.chain_index ?? null)}`);
    }
    if (!pyEquals(artifact.chain_id ?? null, chainId ?? null)) errors.push(`Index ${index}: chain_id mismatch`);
    if (!pyEquals(artifact.previous_audit_checksum ?? null, previous)) {
      errors.push(`Index ${index}: previous_audit_checksum mismatch (broken link)`);
    }
    const stored = artifact.checksum;
    if (stored !== undefined && stored !== null) {
      if (recomputeChecksum(artifact) !== stored) errors.push(`Index ${index}: artifact checksum mismatch (artifact was modified)`);
      // The stored value as it is (not its text, as linkChecksum gives): Python compares it as it is.
      previous = stored;
    } else {
      previous = checksum(artifact);
    }
  });
  return {valid: errors.length === 0, errors};
}
