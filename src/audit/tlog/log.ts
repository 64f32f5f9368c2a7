// A trail file as a transparency log: checkpoint it, prove one of its leaves or
// the consistency of two of its checkpoints, and check checkpoints against it.
// Each function is what one command does, over files, with typed results and
// `TlogError`s for every failure a user can cause.
//
// Proofs come from the tile store beside the trail (brought up to date first;
// rebuilt when it does not give the checkpoint's root). Where the store cannot
// be written (a read-only copy of a trail) they come from one streaming pass
// that keeps only the hashes the proof needs.

import {type Checkpoint, openCheckpoint, parseCheckpointNote, signCheckpoint} from './checkpoint.js';
import {encodeBase64, quoted} from './encoding.js';
import {TlogError, type TlogErrorCode} from './errors.js';
import {replaceFile} from './files.js';
import type {NoteSigner, NoteVerifier} from './keys.js';
import {CompactRange, consistencyPath, type HashText, hashBytes, inclusionPath, type NodeCoordinate, sameHash, type TreeNodeSource, treeRoot, verifyConsistency, verifyInclusion} from './merkle.js';
import {formatConsistencyProof, formatInclusionProof} from './proof-text.js';
import {findTrailLeaf, readTrailTree, scanTrailFile} from './trail.js';
import {DamagedTilesError, isReadOnlyError, readableTileStore, syncTrailTiles, type TileSyncResult} from './tiles.js';
import {type Cosignature, verifyCosignatures} from './witness.js';

/** Where a trail's latest checkpoint is kept: `TRAIL.checkpoint`. */
export function trailCheckpointPath(trail: string): string {
  return `${trail}.checkpoint`;
}

export interface TileUpdate {
  /** Whether the tiles were built afresh, and why (null when they were extended). */
  rebuilt: boolean;
  reason: string | null;
  /** Leaves added to the tiles by this call. */
  added: number;
}

function tileUpdate(sync: TileSyncResult): TileUpdate {
  return {rebuilt: sync.rebuilt, reason: sync.reason, added: sync.added};
}

export interface TrailCheckpoint {
  /** The signed checkpoint note. */
  note: string;
  checkpoint: Checkpoint;
  /** Leaves of the whole trail (the checkpoint may be of fewer, with `size`). */
  leaves: number;
  tiles: TileUpdate;
  /** Bytes of an unfinished last line, not in the log until its newline is written. */
  unfinishedBytes: number;
}

export interface CheckpointTrailOptions {
  /** Checkpoint the first `size` leaves (default all). */
  size?: number;
  /** Rebuild the tile store from the whole trail, even when it looks current. */
  rebuild?: boolean;
  extensions?: readonly string[];
}

function tooShort(trail: string, leaves: number, size: number): TlogError {
  return new TlogError('trail-too-short', `${trail} has ${leaves} leaves; the checkpoint is of ${size}`, {file: trail, expected: size, found: leaves});
}

/**
 * Signs a checkpoint of the trail with the log key (its name is the origin),
 * bringing the tile store up to date on the way (extended, or rebuilt when
 * absent or no longer fitting the trail).
 */
export async function checkpointTrail(trail: string, logKey: NoteSigner, options: CheckpointTrailOptions = {}): Promise<TrailCheckpoint> {
  let sync = await syncTrailTiles(trail, {rebuild: options.rebuild});
  const size = options.size ?? sync.size;
  if (size > sync.size) throw tooShort(trail, sync.size, size);
  let root: Uint8Array;
  try {
    root = size === sync.size ? sync.root : sync.store.root(size);
  } catch (error) {
    if (!(error instanceof DamagedTilesError)) throw error;
    sync = await syncTrailTiles(trail, {rebuild: true});
    root = sync.store.root(size);
  }
  const note = signCheckpoint({size, root, extensions: options.extensions}, logKey);
  return {note, checkpoint: parseCheckpointNote(note).checkpoint, leaves: sync.size, tiles: tileUpdate(sync), unfinishedBytes: sync.unfinishedBytes};
}

/**
 * `checkpointTrail` of every leaf, written to `TRAIL.checkpoint` (or `output`),
 * replaced atomically: what a writer calls every N artifacts and at the end.
 */
export async function updateTrailCheckpoint(trail: string, logKey: NoteSigner, options: {output?: string} = {}): Promise<TrailCheckpoint & {file: string}> {
  const result = await checkpointTrail(trail, logKey);
  const file = options.output ?? trailCheckpointPath(trail);
  await replaceFile(file, result.note);
  return {...result, file};
}

/** Which leaf to prove: by index, or the artifact whose `checksum` field is this hex digest. */
export type LeafSelector = {index: number} | {checksum: string};

export interface TrailInclusionProof {
  /** The `c2sp.org/tlog-proof@v1` text. */
  proof: string;
  index: number;
  checkpoint: Checkpoint;
  /** Where the hashes came from: the tile store (as it was, or rebuilt), or a streaming pass. */
  source: 'tiles' | 'rebuilt-tiles' | 'stream';
}

export interface ProveOptions {
  /** Log keys to verify the checkpoint with first (unverified when absent: a proof is checked by its reader). */
  logKeys?: readonly NoteVerifier[];
  /** Use no tile store (one streaming pass instead). */
  noTiles?: boolean;
}

/** The checkpoint, read, and verified when keys are given. */
function checkpointOf(note: string | Uint8Array, logKeys: readonly NoteVerifier[] | undefined): Checkpoint {
  return logKeys === undefined ? parseCheckpointNote(note).checkpoint : openCheckpoint(note, logKeys).checkpoint;
}

/** The inclusion proof of one leaf of the trail against the tree the checkpoint signs. */
export async function proveTrailLeaf(trail: string, checkpointNote: string | Uint8Array, selector: LeafSelector, options: ProveOptions = {}): Promise<TrailInclusionProof> {
  const checkpoint = checkpointOf(checkpointNote, options.logKeys);
  const index = 'index' in selector ? selector.index : await leafIndexOfChecksum(trail, selector.checksum, checkpoint.size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= checkpoint.size) {
    throw new TlogError('index-out-of-range', `leaf ${index} is not in the checkpoint's tree of ${checkpoint.size} leaves`, {expected: `< ${checkpoint.size}`, found: index});
  }
  const {value, source} = await withTrailTree(trail, [matchesCheckpoint(trail, checkpoint)], options, (tree) => ({
    hashes: inclusionPath(tree, index, checkpoint.size),
    leaf: tree.node(0, index),
  }));
  // Checked as its reader will check it, so a damaged store can never hand out a wrong proof.
  verifyInclusion({index, size: checkpoint.size, leafHash: value.leaf, proof: value.hashes, root: checkpoint.root});
  const proof = formatInclusionProof({index, hashes: value.hashes, checkpoint: noteText(checkpointNote)});
  return {proof, index, checkpoint, source};
}

function noteText(note: string | Uint8Array): string {
  return typeof note === 'string' ? note : Buffer.from(note).toString('utf8');
}

/** The index of the leaf (among the first `size`) that is the artifact with this `checksum`. */
async function leafIndexOfChecksum(trail: string, checksum: string, size: number): Promise<number> {
  const digest = checksum.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new TlogError('leaf-not-found', `${quoted(checksum)} is not a SHA-256 hex digest`);
  const found = await findTrailLeaf(trail, (line) => checksumOf(line) === digest, Buffer.from(digest));
  if (found === null || found.index >= size) {
    throw new TlogError('leaf-not-found', `no artifact with checksum ${digest} is among the checkpoint's ${size} leaves of ${trail}`, {file: trail});
  }
  return found.index;
}

function checksumOf(line: Buffer): string | null {
  try {
    const value = JSON.parse(line.toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && typeof (value as {checksum?: unknown}).checksum === 'string' ? (value as {checksum: string}).checksum : null;
  } catch {
    return null;
  }
}

export interface TrailConsistencyProof {
  /** The `aigc.dev/tlog-consistency-proof@v1` text. */
  proof: string;
  oldSize: number;
  newSize: number;
  source: TrailInclusionProof['source'];
}

/**
 * The consistency proof from the older checkpoint's tree (null: the empty
 * tree) to the newer's, both of this trail. A trail whose first leaves no
 * longer give the older root was rewritten: `inconsistent-trees`.
 */
export async function proveTrailConsistency(
  trail: string,
  oldCheckpointNote: string | Uint8Array | null,
  newCheckpointNote: string | Uint8Array,
  options: ProveOptions = {},
): Promise<TrailConsistencyProof> {
  const newer = checkpointOf(newCheckpointNote, options.logKeys);
  const older = oldCheckpointNote === null ? null : checkpointOf(oldCheckpointNote, options.logKeys);
  if (older !== null && older.origin !== newer.origin) {
    throw new TlogError('origin-mismatch', `the checkpoints are of two logs: ${quoted(older.origin)} and ${quoted(newer.origin)}`);
  }
  const oldSize = older?.size ?? 0;
  if (oldSize > newer.size) throw new TlogError('inconsistent-trees', `the older checkpoint (${oldSize} leaves) is larger than the newer one (${newer.size})`);
  const checks = [matchesCheckpoint(trail, newer)];
  if (older !== null) {
    checks.push({
      size: older.size,
      root: older.root,
      failure: () => new TlogError('inconsistent-trees', `the first ${older.size} leaves of ${trail} no longer have the older checkpoint's root: the trail was rewritten after it`, {file: trail}),
    });
  }
  const {value: hashes, source} = await withTrailTree(trail, checks, options, (tree) => consistencyPath(tree, oldSize, newer.size));
  if (older !== null) verifyConsistency({oldSize, newSize: newer.size, oldRoot: older.root, newRoot: newer.root, proof: hashes});
  return {proof: formatConsistencyProof({oldSize, hashes, checkpoint: noteText(newCheckpointNote)}), oldSize, newSize: newer.size, source};
}

/** A root the trail's tree must have at a size, and the failure to report when it does not. */
interface RootCheck {
  size: number;
  root: Uint8Array;
  failure: () => TlogError;
}

function matchesCheckpoint(trail: string, checkpoint: Checkpoint): RootCheck {
  return {size: checkpoint.size, root: checkpoint.root, failure: () => rootMismatch(trail, checkpoint)};
}

/**
 * Runs `compute` (which must not depend on hash values to know what to ask
 * for) over the trail's tree once the tree passes every check.
 */
async function withTrailTree<T>(trail: string, checks: readonly RootCheck[], options: ProveOptions, compute: (tree: TreeNodeSource) => T): Promise<{value: T; source: TrailInclusionProof['source']}> {
  const size = Math.max(0, ...checks.map((check) => check.size));
  const failed = (tree: TreeNodeSource) => checks.find((check) => !sameHash(treeRoot(tree, check.size), check.root));
  const attempt = (tree: TreeNodeSource): Attempt<T> => {
    try {
      const failure = failed(tree);
      return failure === undefined ? {value: compute(tree)} : {failure};
    } catch (error) {
      if (error instanceof DamagedTilesError) return {damaged: true};
      throw error;
    }
  };
  if (options.noTiles !== true) {
    const fromTiles = await fromTileStore(trail, size, attempt);
    if (fromTiles !== null && 'value' in fromTiles) return {value: fromTiles.value, source: fromTiles.rebuilt ? 'rebuilt-tiles' : 'tiles'};
    if (fromTiles !== null && 'failure' in fromTiles) throw fromTiles.failure.failure();
  }
  const tree = await streamedNodes(trail, size, (recorder) => {
    for (const check of checks) treeRoot(recorder, check.size);
    compute(recorder);
  });
  const failure = failed(tree);
  if (failure !== undefined) throw failure.failure();
  return {value: compute(tree), source: 'stream'};
}

type Attempt<T> = {value: T} | {failure: RootCheck} | {damaged: true};

/**
 * `attempt` over the trail's tile store: the store as it is when it fits the
 * trail and covers `size` (no lock, no write), else brought up to date; and
 * when it gives another root or is damaged, rebuilt once (stale in a way its
 * cheap checks miss, it tells the truth rebuilt). Null when the store cannot
 * be written and does not serve: the caller streams instead.
 */
async function fromTileStore<T>(trail: string, size: number, attempt: (tree: TreeNodeSource) => Attempt<T>): Promise<(Attempt<T> & {rebuilt: boolean}) | null> {
  try {
    const current = await readableTileStore(trail);
    let rebuilt = false;
    let result: Attempt<T> | null = current !== null && current.state()!.size >= size ? attempt(current) : null;
    if (result === null) {
      const sync = await syncTrailTiles(trail);
      if (sync.size < size) throw tooShort(trail, sync.size, size);
      rebuilt = sync.rebuilt;
      result = attempt(sync.store);
    }
    if (!('value' in result) && !rebuilt) {
      const again = await syncTrailTiles(trail, {rebuild: true});
      if (again.size < size) throw tooShort(trail, again.size, size);
      rebuilt = true;
      result = attempt(again.store);
    }
    return 'damaged' in result ? null : {...result, rebuilt};
  } catch (error) {
    if (isReadOnlyError(error)) return null;
    throw error;
  }
}

function rootMismatch(trail: string, checkpoint: Checkpoint): TlogError {
  return new TlogError(
    'root-mismatch',
    `the first ${checkpoint.size} leaves of ${trail} do not have the checkpoint's root ${encodeBase64(checkpoint.root)}: a line before ${checkpoint.size} was changed, removed, inserted or reordered`,
    {file: trail, expected: encodeBase64(checkpoint.root)},
  );
}

/** Answers with a placeholder and writes down what was asked: proofs never branch on hash values. */
class RecordingSource implements TreeNodeSource {
  readonly asked: NodeCoordinate[] = [];
  private readonly placeholder = Buffer.alloc(32);

  node(level: number, index: number): Buffer {
    this.asked.push({level, index});
    return this.placeholder;
  }
}

class CollectedNodes implements TreeNodeSource {
  constructor(private readonly nodes: Map<number, Map<number, Buffer>>) {}

  node(level: number, index: number): Buffer {
    const hash = this.nodes.get(level)?.get(index);
    if (hash === undefined) throw new RangeError(`the streaming pass did not keep node ${level}/${index}`);
    return hash;
  }
}

/** One pass over the trail keeping just the complete-subtree hashes `compute` will ask for. */
async function streamedNodes(trail: string, size: number, compute: (tree: TreeNodeSource) => void): Promise<TreeNodeSource> {
  const recorder = new RecordingSource();
  compute(recorder);
  const wanted = new Map<number, Set<number>>();
  for (const {level, index} of recorder.asked) {
    if (!wanted.has(level)) wanted.set(level, new Set());
    wanted.get(level)!.add(index);
  }
  const kept = new Map<number, Map<number, Buffer>>();
  const byLevel: (Set<number> | undefined)[] = [];
  for (const [level, indexes] of wanted) {
    byLevel[level] = indexes;
    kept.set(level, new Map());
  }
  const range = new CompactRange((level: number, index: number, hash: HashText) => {
    if (byLevel[level]?.has(index)) kept.get(level)!.set(index, hashBytes(hash));
  });
  if (size > 0) {
    await scanTrailFile(trail, (leaf) => {
      range.appendLeafHash(leaf);
      return range.size < size;
    });
  }
  if (range.size < size) throw tooShort(trail, range.size, size);
  return new CollectedNodes(kept);
}

export interface CheckpointToVerify {
  note: string | Uint8Array;
  /** Where it came from, for the report (a file name). */
  source: string;
}

export interface CheckpointVerification {
  source: string;
  ok: boolean;
  /** Why not, when not ok. */
  code?: TlogErrorCode;
  message?: string;
  /** The checkpoint, once it could be read. */
  checkpoint?: Checkpoint;
  /** The log key that signed it (verifier key), once verified. */
  logKey?: string;
  /** Witnesses whose cosignatures verified. */
  cosignatures?: Cosignature[];
}

export interface VerifyCheckpointsOptions {
  /** Witness keys whose cosignatures each checkpoint must carry, `quorum` of them (default all). */
  witnesses?: readonly NoteVerifier[];
  quorum?: number;
}

export interface TrailCheckpointsReport {
  /** Leaves read (up to the largest checkpoint's size; the trail may hold more). */
  leavesRead: number;
  results: CheckpointVerification[];
  ok: boolean;
}

/**
 * Checks checkpoints against a trail in one read-only streaming pass: each
 * must be validly signed by one of `logKeys` (and cosigned by the witnesses'
 * quorum), and the trail's first `size` leaves must have its root. The trail
 * may have grown since; anything before `size` that changed fails.
 */
export async function verifyTrailCheckpoints(trail: string, checkpoints: readonly CheckpointToVerify[], logKeys: readonly NoteVerifier[], options: VerifyCheckpointsOptions = {}): Promise<TrailCheckpointsReport> {
  const results: CheckpointVerification[] = checkpoints.map(({note, source}) => {
    try {
      const opened = openCheckpoint(note, logKeys);
      const cosignatures = verifyCosignatures(note, options.witnesses ?? [], options.quorum);
      return {source, ok: true, checkpoint: opened.checkpoint, logKey: opened.logKey.verifierKey, cosignatures};
    } catch (error) {
      if (!(error instanceof TlogError)) throw error;
      return {source, ok: false, code: error.code, message: error.message, checkpoint: readableCheckpoint(note)};
    }
  });
  const sizes = results.filter((result) => result.ok).map((result) => result.checkpoint!.size);
  const tree = await readTrailTree(trail, {sizes, limit: Math.max(0, ...sizes)});
  for (const result of results) {
    if (!result.ok) continue;
    const checkpoint = result.checkpoint!;
    const root = tree.roots.get(checkpoint.size);
    const failure = root === undefined ? tooShort(trail, tree.size, checkpoint.size) : sameHash(root, checkpoint.root) ? null : rootMismatch(trail, checkpoint);
    if (failure !== null) Object.assign(result, {ok: false, code: failure.code, message: failure.message});
  }
  return {leavesRead: tree.size, results, ok: results.every((result) => result.ok)};
}

function readableCheckpoint(note: string | Uint8Array): Checkpoint | undefined {
  try {
    return parseCheckpointNote(note).checkpoint;
  } catch {
    return undefined;
  }
}
