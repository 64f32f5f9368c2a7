// The RFC 6962 Merkle tree (§2.1), SHA-256: leaf hash SHA-256(0x00 ‖ leaf),
// node hash SHA-256(0x01 ‖ left ‖ right), the root of the empty tree
// SHA-256(""); audit paths (inclusion proofs, §2.1.1) and consistency proofs
// (§2.1.2), built from any source of complete-subtree hashes (leaves in
// memory, a tile store, a streaming pass) and verified with the iterative
// algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so the two sides are
// independent of each other.
//
// `CompactRange` computes a root in one pass with O(log n) memory. Its hashes
// are 32-character latin1 strings: Node gives back a digest as a string far
// faster than as a new Buffer, and that is most of the cost of a tree of small
// hashes.

import {createHash, hash} from 'node:crypto';
import {TlogError} from './errors.js';

export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** A hash as 32 latin1 characters (the fast internal form). */
export type HashText = string;

/** The hash of a leaf: SHA-256(0x00 ‖ leaf); a string leaf is hashed as UTF-8. */
export function leafHash(leaf: Uint8Array | string): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(leaf).digest();
}

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES, 1);

export function nodeHashText(left: HashText, right: HashText): HashText {
  nodeInput.write(left, 1, HASH_BYTES, 'latin1');
  nodeInput.write(right, 1 + HASH_BYTES, HASH_BYTES, 'latin1');
  return hash('sha256', nodeInput, 'binary');
}

export function hashText(bytes: Uint8Array): HashText {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function hashBytes(text: HashText): Buffer {
  return Buffer.from(text, 'latin1');
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Called for each complete subtree as a compact range completes it: `level` 0 is a leaf. */
export type NodeListener = (level: number, index: number, hash: HashText) => void;

/**
 * The right edge of a growing tree: the roots of its complete subtrees, largest
 * first (one per set bit of the size). Appending a leaf merges equal-sized
 * neighbours; the root folds them from the right.
 */
export class CompactRange {
  private readonly edge: HashText[] = [];
  private count = 0;

  constructor(private readonly onNode?: NodeListener) {}

  /** A range continuing a tree of `size` leaves whose complete subtrees are `edge` (largest first, as `edgeNodes` lists them). */
  static resume(size: number, edge: readonly HashText[], onNode?: NodeListener): CompactRange {
    if (edge.length !== edgeNodes(size).length) throw new RangeError(`a tree of ${size} leaves has ${edgeNodes(size).length} edge nodes, not ${edge.length}`);
    const range = new CompactRange(onNode);
    range.edge.push(...edge);
    range.count = size;
    return range;
  }

  get size(): number {
    return this.count;
  }

  appendLeafHash(leaf: HashText): void {
    let index = this.count;
    let level = 0;
    let node = leaf;
    this.onNode?.(0, index, node);
    while (index % 2 === 1) {
      node = nodeHashText(this.edge.pop()!, node);
      index = (index - 1) / 2;
      level++;
      this.onNode?.(level, index, node);
    }
    this.edge.push(node);
    this.count++;
  }

  appendLeaf(leaf: Uint8Array | string): void {
    this.appendLeafHash(hashText(leafHash(leaf)));
  }

  rootText(): HashText {
    if (this.edge.length === 0) return hashText(EMPTY_ROOT);
    let root = this.edge[this.edge.length - 1];
    for (let i = this.edge.length - 2; i >= 0; i--) root = nodeHashText(this.edge[i], root);
    return root;
  }

  root(): Buffer {
    return hashBytes(this.rootText());
  }

  /** The edge, largest subtree first (see `edgeNodes` for their coordinates). */
  edgeHashes(): HashText[] {
    return [...this.edge];
  }
}

/** A complete subtree: the 2^level leaves from index·2^level on. */
export interface NodeCoordinate {
  level: number;
  index: number;
}

/** The complete subtrees a tree of `size` leaves splits into, largest (leftmost) first. */
export function edgeNodes(size: number): NodeCoordinate[] {
  const nodes: NodeCoordinate[] = [];
  let start = 0;
  for (let level = 53; level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      nodes.push({level, index: start / width});
      start += width;
    }
  }
  return nodes;
}

/** Hashes of complete subtrees, wherever they are kept. */
export interface TreeNodeSource {
  /** The hash of the complete subtree of 2^level leaves starting at leaf index·2^level. */
  node(level: number, index: number): Uint8Array;
}

/** The largest power of two smaller than `n` (n ≥ 2): RFC 6962's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]) for a range the RFC's recursion reaches: its complete subtrees, folded from the right. */
export function subtreeRoot(source: TreeNodeSource, lo: number, hi: number): Buffer {
  const parts: Uint8Array[] = [];
  while (lo < hi) {
    let width = 1;
    while (lo % (width * 2) === 0 && lo + width * 2 <= hi) width *= 2;
    parts.push(source.node(Math.log2(width), lo / width));
    lo += width;
  }
  let root: Buffer = Buffer.from(parts[parts.length - 1]);
  for (let i = parts.length - 2; i >= 0; i--) root = nodeHash(parts[i], root);
  return root;
}

/** The root of the first `size` leaves. */
export function treeRoot(source: TreeNodeSource, size: number): Buffer {
  return size === 0 ? Buffer.from(EMPTY_ROOT) : subtreeRoot(source, 0, size);
}

/** RFC 6962 PATH(index, D[0:size]): sibling hashes from the leaf's up to the root's child. */
export function inclusionPath(source: TreeNodeSource, index: number, size: number): Buffer[] {
  checkIndex(index, size);
  const path: Buffer[] = [];
  walkPath(source, index, 0, size, path);
  return path;
}

function walkPath(source: TreeNodeSource, index: number, lo: number, hi: number, path: Buffer[]): void {
  if (hi - lo === 1) return;
  const k = splitPoint(hi - lo);
  if (index < lo + k) {
    walkPath(source, index, lo, lo + k, path);
    path.push(subtreeRoot(source, lo + k, hi));
  } else {
    walkPath(source, index, lo + k, hi, path);
    path.push(subtreeRoot(source, lo, lo + k));
  }
}

/** RFC 6962 PROOF(oldSize, D[0:newSize]); empty when the old tree is empty or the same. */
export function consistencyPath(source: TreeNodeSource, oldSize: number, newSize: number): Buffer[] {
  checkSizes(oldSize, newSize);
  const path: Buffer[] = [];
  if (oldSize > 0 && oldSize < newSize) walkSubproof(source, oldSize, 0, newSize, true, path);
  return path;
}

function walkSubproof(source: TreeNodeSource, m: number, lo: number, hi: number, whole: boolean, path: Buffer[]): void {
  if (m === hi) {
    if (!whole) path.push(subtreeRoot(source, lo, hi));
    return;
  }
  const k = splitPoint(hi - lo);
  if (m <= lo + k) {
    walkSubproof(source, m, lo, lo + k, whole, path);
    path.push(subtreeRoot(source, lo + k, hi));
  } else {
    walkSubproof(source, m, lo + k, hi, false, path);
    path.push(subtreeRoot(source, lo, lo + k));
  }
}

/** How many hashes the inclusion proof of leaf `index` in a tree of `size` leaves has. */
export function inclusionProofLength(index: number, size: number): number {
  let length = 0;
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) hi = lo + k;
    else lo += k;
    length++;
  }
  return length;
}

/** How many hashes the consistency proof from `oldSize` to `newSize` has. */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  if (oldSize === 0 || oldSize === newSize) return 0;
  let length = 0;
  let lo = 0;
  let hi = newSize;
  let whole = true;
  while (oldSize !== hi) {
    const k = splitPoint(hi - lo);
    if (oldSize <= lo + k) {
      hi = lo + k;
    } else {
      lo += k;
      whole = false;
    }
    length++;
  }
  return whole ? length : length + 1;
}

function isSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkIndex(index: number, size: number): void {
  if (!isSize(index) || !isSize(size)) throw new TlogError('malformed-proof', `a leaf index and tree size are non-negative integers, not ${index} and ${size}`);
  if (index >= size) throw new TlogError('index-out-of-range', `leaf index ${index} is not in a tree of ${size} leaves`, {expected: `< ${size}`, found: index});
}

function checkSizes(oldSize: number, newSize: number): void {
  if (!isSize(oldSize) || !isSize(newSize)) throw new TlogError('malformed-proof', `tree sizes are non-negative integers, not ${oldSize} and ${newSize}`);
  if (oldSize > newSize) throw new TlogError('inconsistent-trees', `the older tree (${oldSize} leaves) is larger than the newer one (${newSize})`);
}

function checkHashes(proof: readonly Uint8Array[], expected: number, what: string): void {
  if (proof.length !== expected) throw new TlogError('malformed-proof', `${what} has ${proof.length} hashes; it needs ${expected}`, {expected, found: proof.length});
  for (const hash of proof) {
    if (hash.length !== HASH_BYTES) throw new TlogError('malformed-proof', `${what} holds a hash of ${hash.length} bytes, not ${HASH_BYTES}`);
  }
}

export interface InclusionCheck {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

/** The root that leaf `index` with hash `leafHash` and its proof give (RFC 9162 §2.1.3.2). */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer {
  checkIndex(index, size);
  checkHashes([leaf], 1, 'the leaf hash');
  checkHashes(proof, inclusionProofLength(index, size), `the inclusion proof of leaf ${index} in a tree of ${size}`);
  const walk = new ProofWalk(index, size - 1);
  let root: Buffer = Buffer.from(leaf);
  for (const sibling of proof) {
    if (walk.siblingOnLeft()) {
      root = nodeHash(sibling, root);
      walk.passLeftChildren();
    } else {
      root = nodeHash(root, sibling);
    }
    walk.up();
  }
  return root;
}

/** Checks that `leafHash` is leaf `index` of the tree with `root`; throws `TlogError` (`root-mismatch` when it is not). */
export function verifyInclusion(check: InclusionCheck): void {
  checkHashes([check.root], 1, 'the root');
  const root = rootFromInclusionProof(check.index, check.size, check.leafHash, check.proof);
  if (!sameHash(root, check.root)) {
    throw new TlogError('root-mismatch', `leaf ${check.index} and its proof give another root than the tree of ${check.size} leaves has: the leaf, the index or the proof is not the one logged`);
  }
}

export interface ConsistencyCheck {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

/**
 * Checks that the tree of `newSize` leaves with `newRoot` extends the tree of
 * `oldSize` leaves with `oldRoot` (RFC 9162 §2.1.4.2). The empty tree is
 * consistent with every tree, with an empty proof (as c2sp.org/tlog-witness
 * has it). Throws `TlogError`: `inconsistent-trees` when they do not agree.
 */
export function verifyConsistency(check: ConsistencyCheck): void {
  const {oldSize, newSize, oldRoot, newRoot, proof} = check;
  checkSizes(oldSize, newSize);
  checkHashes([oldRoot, newRoot], 2, 'the roots');
  checkHashes(proof, consistencyProofLength(oldSize, newSize), `the consistency proof from ${oldSize} to ${newSize} leaves`);
  const inconsistent = () => new TlogError('inconsistent-trees', `the tree of ${newSize} leaves does not extend the tree of ${oldSize}: the log was rewritten, or a root or the proof is not the one given`);
  if (oldSize === 0) {
    if (!sameHash(oldRoot, EMPTY_ROOT)) throw inconsistent();
    return;
  }
  if (oldSize === newSize) {
    if (!sameHash(oldRoot, newRoot)) throw inconsistent();
    return;
  }
  // The old tree's root starts the path when it is a complete subtree, so the proof leaves it out.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  const walk = new ProofWalk(oldSize - 1, newSize - 1);
  while (walk.fn % 2 === 1) walk.up();
  let oldHash: Buffer = Buffer.from(path[0]);
  let newHash: Buffer = Buffer.from(path[0]);
  for (const node of path.slice(1)) {
    if (walk.sn === 0) throw inconsistent();
    if (walk.siblingOnLeft()) {
      oldHash = nodeHash(node, oldHash);
      newHash = nodeHash(node, newHash);
      walk.passLeftChildren();
    } else {
      newHash = nodeHash(newHash, node);
    }
    walk.up();
  }
  if (walk.sn !== 0 || !sameHash(oldHash, oldRoot) || !sameHash(newHash, newRoot)) throw inconsistent();
}

/**
 * Where the proof walks of RFC 9162 (§2.1.3.2, §2.1.4.2) stand: `fn` the
 * index of the node reached, `sn` that of the last node, on the current level.
 */
class ProofWalk {
  constructor(
    public fn: number,
    public sn: number,
  ) {}

  /** Whether the next proof node hashes in on the left: `fn` is a right child, or the last node of its level. */
  siblingOnLeft(): boolean {
    return this.fn % 2 === 1 || this.fn === this.sn;
  }

  /** After a left sibling: up past the levels where `fn` is a left child (until LSB(fn) is set or fn is 0). */
  passLeftChildren(): void {
    while (this.fn % 2 === 0 && this.fn !== 0) this.up();
  }

  /** One level up. */
  up(): void {
    this.fn = Math.floor(this.fn / 2);
    this.sn = Math.floor(this.sn / 2);
  }
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Complete-subtree hashes of leaves held in memory (every level kept: for library users' arrays, not trails). */
export class MemoryTree implements TreeNodeSource {
  private readonly levels: Buffer[][];

  constructor(leaves: Iterable<Uint8Array | string>) {
    const hashes = Array.from(leaves, (leaf) => leafHash(leaf));
    this.levels = [hashes];
    for (let level = this.levels[0]; level.length > 1; ) {
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  node(level: number, index: number): Buffer {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) throw new RangeError(`no complete subtree at level ${level}, index ${index} in a tree of ${this.size} leaves`);
    return hash;
  }
}

/** The root of a list of leaves (strings are hashed as UTF-8). */
export function merkleRoot(leaves: Iterable<Uint8Array | string>): Buffer {
  const range = new CompactRange();
  for (const leaf of leaves) range.appendLeaf(leaf);
  return range.root();
}

/** The inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leaves: readonly (Uint8Array | string)[], index: number, size: number = leaves.length): Buffer[] {
  if (size > leaves.length) throw new TlogError('index-out-of-range', `a tree of ${size} leaves needs ${size} leaves, not ${leaves.length}`);
  return inclusionPath(new MemoryTree(leaves.slice(0, size)), index, size);
}

/** The consistency proof from the tree of the first `oldSize` leaves to that of the first `newSize`. */
export function consistencyProof(leaves: readonly (Uint8Array | string)[], oldSize: number, newSize: number = leaves.length): Buffer[] {
  if (newSize > leaves.length) throw new TlogError('index-out-of-range', `a tree of ${newSize} leaves needs ${newSize} leaves, not ${leaves.length}`);
  return consistencyPath(new MemoryTree(leaves.slice(0, newSize)), oldSize, newSize);
}
