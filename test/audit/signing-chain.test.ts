import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {AuditChain, linkChecksum, recomputeChecksum, verifyChain} from '../../src/audit/chain.js';
import {parseJson} from '../../src/canonical/json.js';
import {HmacSigner, signArtifact, signaturePayload, verifyArtifact} from '../../src/audit/signing.js';
import {generateAuditArtifact} from '../../src/pipeline/artifact.js';
import type {PyDict} from '../../src/python/values.js';

/** What the reference computes (scripts/gen-audit-vectors.py): a signature and chain checksums, with their inputs. */
const VECTORS = parseJson(readFileSync(new URL('../data/audit/reference-vectors.json', import.meta.url), 'utf8')) as {
  example: {invocation: PyDict; policy: PyDict};
  signature: {metadata: PyDict; timestamp: number; key: string; signature: string};
  chain: {chain_id: string; links: {metadata: PyDict; timestamp: number; checksum: string}[]};
};

// The artifact of the reference's signing example (pipeline spec §7): fields
// from a fixed invocation and policy at clock 1700000000.
function exampleArtifact(metadata: PyDict = VECTORS.signature.metadata, timestamp = VECTORS.signature.timestamp): PyDict {
  return generateAuditArtifact({
    invocation: VECTORS.example.invocation,
    policy: VECTORS.example.policy,
    enforcementResult: 'PASS',
    metadata,
    timestamp,
  });
}

describe('HMAC signing', () => {
  it('signs the canonical artifact without its signature, as the reference does', () => {
    const {key, signature} = VECTORS.signature;
    const artifact = signArtifact(exampleArtifact(), new HmacSigner(key));
    expect(artifact.signature).toBe(signature);
    expect(verifyArtifact(artifact, new HmacSigner(key))).toBe(true);
  });

  it('refuses a tampered artifact, a wrong key, an uppercased or non-string signature', () => {
    const artifact = signArtifact(exampleArtifact(), new HmacSigner('secret'));
    expect(verifyArtifact({...artifact, enforcement_result: 'FAIL'}, new HmacSigner('secret'))).toBe(false);
    expect(verifyArtifact(artifact, new HmacSigner('other'))).toBe(false);
    expect(verifyArtifact({...artifact, signature: (artifact.signature as string).toUpperCase()}, new HmacSigner('secret'))).toBe(false);
    expect(verifyArtifact({...artifact, signature: 123}, new HmacSigner('secret'))).toBe(false);
    expect(verifyArtifact({...artifact, signature: null}, new HmacSigner('secret'))).toBe(false);
  });

  it('still verifies after the signed artifact is chained (chain fields are outside the payload)', () => {
    const signer = new HmacSigner('secret');
    const artifact = signArtifact(exampleArtifact(), signer);
    new AuditChain('chain-1').append(artifact);
    expect(verifyArtifact(artifact, signer)).toBe(true);
    expect(signaturePayload(artifact).toString()).not.toContain('chain_id');
  });

  it('refuses an empty key', () => {
    expect(() => new HmacSigner('')).toThrow('Signing key must be non-empty');
  });
});

describe('hash chains', () => {
  it('links artifacts with the checksums the reference computes', () => {
    const chain = new AuditChain(VECTORS.chain.chain_id);
    const checksums = VECTORS.chain.links.map((link) => chain.append(exampleArtifact(link.metadata, link.timestamp)).checksum);
    expect(checksums).toEqual(VECTORS.chain.links.map((link) => link.checksum));
    expect(chain.length).toBe(3);
  });

  it('records index, chain id and the previous checksum on each link', () => {
    const chain = new AuditChain('c');
    const first = chain.append(exampleArtifact());
    const second = chain.append(exampleArtifact());
    expect(first).toMatchObject({chain_id: 'c', chain_index: 0, previous_audit_checksum: null});
    expect(second).toMatchObject({chain_id: 'c', chain_index: 1, previous_audit_checksum: first.checksum});
    expect(recomputeChecksum(second)).toBe(second.checksum);
  });

  it('drops stale chain fields when an artifact moves to another chain', () => {
    const moved = new AuditChain('old').append(exampleArtifact());
    new AuditChain('new').append(moved);
    expect(moved.chain_id).toBe('new');
    expect(moved.previous_audit_checksum).toBeNull();
    expect(recomputeChecksum(moved)).toBe(moved.checksum);
  });

  it('links legacy artifacts without a checksum by the hash of the whole artifact', () => {
    const legacy = exampleArtifact();
    expect(linkChecksum(legacy)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkChecksum({...legacy, checksum: 'abc'})).toBe('abc');
  });

  it('gives a new chain a random UUID when no id is given', () => {
    expect(new AuditChain().chainId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new AuditChain('').chainId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('verifyChain, on a list of artifacts in memory', () => {
  // A chain the reference built, each case one change, answered by the reference's verify_chain
  // (scripts/gen-verify-chain-cases.py).
  const cases = parseJson(readFileSync(new URL('../data/chains/verify-chain-cases.json', import.meta.url), 'utf8')) as Array<{
    name: string;
    artifacts: PyDict[];
    valid: boolean;
    errors: string[];
  }>;

  it.each(cases.map((c) => [c.name, c] as const))('answers as the reference for %s', (_name, c) => {
    expect(verifyChain(c.artifacts)).toEqual({valid: c.valid, errors: c.errors});
  });
});
