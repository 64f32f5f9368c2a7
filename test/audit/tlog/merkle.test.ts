// The RFC 6962 tree: the hashes and proofs of transparency-dev/merkle's test
// vectors (test/data/tlog/rfc6962-vectors.json), and properties of random
// trees: every proof of every leaf verifies, and any single change fails.
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {TlogError} from '../../../src/audit/tlog/errors.js';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  MemoryTree,
  merkleRoot,
  nodeHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/audit/tlog/merkle.js';

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
  file: string;
}

interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
  file: string;
}

const vectors = JSON.parse(readFileSync(new URL('../../data/tlog/rfc6962-vectors.json', import.meta.url), 'utf8')) as {
  hashes: {desc: string; kind: 'empty' | 'leaf' | 'node'; input?: string; left?: string; right?: string; want: string}[];
  tree: {leafInputs: string[]; rootHashes: string[]};
  inclusion: InclusionProbe[];
  consistency: ConsistencyProbe[];
};

const b64 = (text: string | null) => Buffer.from(text ?? '', 'base64');
const hex = (text: string) => Buffer.from(text, 'hex');
const leaves = vectors.tree.leafInputs.map(hex);

/** Whether verification succeeds; a failure must be a TlogError (never a crash). */
function verifies(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(TlogError);
    return false;
  }
}

/**
 * The one vector we answer differently: two equal "roots" of 12 bytes, which
 * transparency-dev/merkle compares as they are; we refuse any root that is not
 * a 32-byte SHA-256 hash before comparing anything.
 */
const REFUSED_AS_NOT_HASHES = new Set(['sizes are equal (one) and proof is empty']);

describe('RFC 6962 hashes', () => {
  for (const vector of vectors.hashes) {
    it(`computes the ${vector.desc} hash`, () => {
      const got = vector.kind === 'empty' ? EMPTY_ROOT : vector.kind === 'leaf' ? leafHash(hex(vector.input!)) : nodeHash(hex(vector.left!), hex(vector.right!));
      expect(got.toString('hex')).toBe(vector.want);
    });
  }

  it('gives the reference roots of every prefix of the test tree', () => {
    for (let size = 0; size <= leaves.length; size++) {
      expect(merkleRoot(leaves.slice(0, size)).toString('hex')).toBe(vectors.tree.rootHashes[size]);
      expect(treeRoot(new MemoryTree(leaves.slice(0, size)), size).toString('hex')).toBe(vectors.tree.rootHashes[size]);
    }
  });
});

describe('inclusion proof vectors', () => {
  for (const probe of vectors.inclusion) {
    it(`${probe.wantErr ? 'rejects' : 'accepts'} ${probe.file} (${probe.desc})`, () => {
      const ok = verifies(() => verifyInclusion({index: probe.leafIdx, size: probe.treeSize, leafHash: b64(probe.leafHash), proof: (probe.proof ?? []).map(b64), root: b64(probe.root)}));
      expect(ok).toBe(!probe.wantErr);
    });
  }

  it('builds the proofs of the happy-path vectors', () => {
    const happy = vectors.inclusion.filter((probe) => probe.desc === 'happy path' && probe.treeSize <= leaves.length);
    expect(happy.length).toBeGreaterThan(0);
    for (const probe of happy) {
      expect(inclusionProof(leaves, probe.leafIdx, probe.treeSize).map((hash) => hash.toString('base64'))).toEqual(probe.proof ?? []);
    }
  });
});

describe('consistency proof vectors', () => {
  for (const probe of vectors.consistency) {
    const wantErr = probe.wantErr || REFUSED_AS_NOT_HASHES.has(probe.desc);
    it(`${wantErr ? 'rejects' : 'accepts'} ${probe.file} (${probe.desc})`, () => {
      const ok = verifies(() => verifyConsistency({oldSize: probe.size1, newSize: probe.size2, oldRoot: b64(probe.root1), newRoot: b64(probe.root2), proof: (probe.proof ?? []).map(b64)}));
      expect(ok).toBe(!wantErr);
    });
  }

  it('builds the proofs of the happy-path vectors', () => {
    const happy = vectors.consistency.filter((probe) => probe.desc === 'happy path' && probe.size2 <= leaves.length);
    expect(happy.length).toBeGreaterThan(0);
    for (const probe of happy) {
      expect(consistencyProof(leaves, probe.size1, probe.size2).map((hash) => hash.toString('base64'))).toEqual(probe.proof ?? []);
    }
  });
});

/** Distinct leaves: two equal leaves with equal siblings are, rightly, interchangeable. */
const leafList = fc.uniqueArray(fc.uint8Array({maxLength: 12}), {minLength: 1, maxLength: 70, selector: (leaf) => Buffer.from(leaf).toString('hex')});

describe('inclusion proofs of random trees', () => {
  it('verify for every leaf of every tree', () => {
    fc.assert(
      fc.property(leafList, (list) => {
        const root = merkleRoot(list);
        for (let index = 0; index < list.length; index++) {
          verifyInclusion({index, size: list.length, leafHash: leafHash(list[index]), proof: inclusionProof(list, index), root});
        }
      }),
      {numRuns: 60},
    );
  });

  it('fail with any one hash changed, or for another index or leaf', () => {
    fc.assert(
      fc.property(leafList, fc.nat(), fc.nat(), fc.nat(255), (list, pick, slot, bit) => {
        const index = pick % list.length;
        const root = merkleRoot(list);
        const proof = inclusionProof(list, index);
        const hash = leafHash(list[index]);
        const check = (changes: Partial<Parameters<typeof verifyInclusion>[0]>) => verifies(() => verifyInclusion({index, size: list.length, leafHash: hash, proof, root, ...changes}));
        const flip = (bytes: Buffer) => {
          const copy = Buffer.from(bytes);
          copy[bit % 32] ^= 1 << bit % 8;
          return copy;
        };
        if (proof.length > 0) {
          const at = slot % proof.length;
          expect(check({proof: proof.map((node, i) => (i === at ? flip(node) : node))})).toBe(false);
          expect(check({proof: proof.slice(1)})).toBe(false);
        }
        expect(check({leafHash: flip(hash)})).toBe(false);
        expect(check({root: flip(root)})).toBe(false);
        if (list.length > 1) expect(check({index: (index + 1 + (slot % (list.length - 1))) % list.length})).toBe(false);
        expect(check({index: list.length})).toBe(false);
      }),
      {numRuns: 300},
    );
  });
});

describe('consistency proofs of small trees', () => {
  it('verify for every pair of sizes up to 40 leaves, and fail with any one hash changed', () => {
    const list = Array.from({length: 40}, (_, i) => `leaf ${i}`);
    const roots = Array.from({length: list.length + 1}, (_, size) => merkleRoot(list.slice(0, size)));
    for (let newSize = 0; newSize <= list.length; newSize++) {
      for (let oldSize = 0; oldSize <= newSize; oldSize++) {
        const proof = consistencyProof(list, oldSize, newSize);
        verifyConsistency({oldSize, newSize, oldRoot: roots[oldSize], newRoot: roots[newSize], proof});
        proof.forEach((_, at) => {
          const changed = proof.map((node, i) => (i === at ? nodeHash(node, node) : node));
          expect(verifies(() => verifyConsistency({oldSize, newSize, oldRoot: roots[oldSize], newRoot: roots[newSize], proof: changed}))).toBe(false);
        });
        if (oldSize > 0 && oldSize < newSize) {
          expect(verifies(() => verifyConsistency({oldSize, newSize, oldRoot: roots[oldSize - 1], newRoot: roots[newSize], proof}))).toBe(false);
        }
      }
    }
  });

  it('fail across a rewrite of an older leaf', () => {
    fc.assert(
      fc.property(fc.integer({min: 2, max: 60}), fc.nat(), fc.nat(), (newSize, pickOld, pickLeaf) => {
        const oldSize = 1 + (pickOld % (newSize - 1));
        const original = Array.from({length: newSize}, (_, i) => `artifact ${i}`);
        const rewritten = original.map((leaf, i) => (i === pickLeaf % oldSize ? `${leaf} (rewritten)` : leaf));
        const proof = consistencyProof(rewritten, oldSize, newSize);
        const check = () => verifyConsistency({oldSize, newSize, oldRoot: merkleRoot(original.slice(0, oldSize)), newRoot: merkleRoot(rewritten), proof});
        expect(check).toThrow(expect.objectContaining({code: 'inconsistent-trees'}));
      }),
      {numRuns: 200},
    );
  });
});

describe('proof errors', () => {
  it('says an index beyond the tree is out of range', () => {
    expect(() => verifyInclusion({index: 8, size: 8, leafHash: leafHash(''), proof: [], root: EMPTY_ROOT})).toThrow(expect.objectContaining({code: 'index-out-of-range'}));
  });

  it('says a proof of the wrong length is malformed', () => {
    expect(() => verifyInclusion({index: 0, size: 8, leafHash: leafHash(''), proof: [EMPTY_ROOT], root: EMPTY_ROOT})).toThrow(expect.objectContaining({code: 'malformed-proof'}));
  });

  it('says an older tree larger than the newer is inconsistent', () => {
    expect(() => verifyConsistency({oldSize: 3, newSize: 2, oldRoot: EMPTY_ROOT, newRoot: EMPTY_ROOT, proof: []})).toThrow(expect.objectContaining({code: 'inconsistent-trees'}));
  });
});
