// The tile store beside a trail (`TRAIL.tiles/`): the trail's Merkle tree as
// c2sp.org/tlog-tiles hash tiles of height 8, at `tile/<L>/<N>[.p/<W>]` (N in
// 3-digit path elements, all but the last prefixed `x`), so any proof needs a
// handful of 8 KiB reads. Level-0 tiles hold leaf hashes; a level-L tile holds
// the roots of full level-(L-1) tiles. Unlike a served log, the store keeps
// one partial tile per position, the widest: a narrower one is its prefix
// (the log only grows), so a reader takes the first W hashes of it.
//
// Beside the tiles, `state` (our own small text file) says how far they go:
//
//   aigc.dev/tlog-tiles-state@v1
//   size <leaves>
//   end <byte offset after the last leaf's line>
//   last <byte offset where the last leaf's line starts>
//   root <base64 root at that size>
//
// A store is used only when it still fits the trail: the trail reaches `end`,
// its line at `last` still hashes to the last leaf, and the tiles still give
// `root`. Otherwise (or when absent) it is rebuilt in one pass into a fresh
// folder swapped in at the end. A current store is extended from `end` in
// place: new full tiles, then partial tiles, then the state, each replaced
// atomically, under a lock shared by every process updating the store.

import {randomBytes} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {open, rename, rm, stat, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {decodeBase64, encodeBase64, parseDecimal} from './encoding.js';
import {replaceFileSync} from './files.js';
import {
  CompactRange,
  consistencyPath,
  EMPTY_ROOT,
  edgeNodes,
  HASH_BYTES,
  type HashText,
  hashText,
  inclusionPath,
  leafHash,
  nodeHash,
  sameHash,
  type TreeNodeSource,
  treeRoot,
} from './merkle.js';
import {scanTrailFile} from './trail.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
const TILE_BYTES = TILE_WIDTH * HASH_BYTES;
const STATE_HEADER = 'aigc.dev/tlog-tiles-state@v1';
const STATE_FILE = 'state';
const LOCK_OPTIONS = {realpath: false, stale: 30_000, retries: {retries: 2000, minTimeout: 2, maxTimeout: 50}};

/** The store beside `trail`. */
export function tileStorePath(trail: string): string {
  return `${trail}.tiles`;
}

/** The tlog-tiles path of a tile: `tile/<level>/<index as x001/x234/067>[.p/<width>]`. */
export function tilePath(level: number, index: number, width: number = TILE_WIDTH): string {
  let rest = Math.floor(index / 1000);
  let path = String(index % 1000).padStart(3, '0');
  while (rest > 0) {
    path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
    rest = Math.floor(rest / 1000);
  }
  return `tile/${level}/${path}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

export interface TileStoreState {
  size: number;
  end: number;
  last: number;
  root: Buffer;
}

function formatState(state: TileStoreState): string {
  return `${STATE_HEADER}\nsize ${state.size}\nend ${state.end}\nlast ${state.last}\nroot ${encodeBase64(state.root)}\n`;
}

function parseState(text: string): TileStoreState | null {
  const match = /^aigc\.dev\/tlog-tiles-state@v1\nsize (\d+)\nend (\d+)\nlast (\d+)\nroot (\S+)\n$/.exec(text);
  if (match === null) return null;
  const [size, end, last] = [match[1], match[2], match[3]].map(parseDecimal);
  const root = decodeBase64(match[4]);
  if (size === null || end === null || last === null || root === null || root.length !== HASH_BYTES || last > end) return null;
  return {size, end, last, root};
}

/** A tile that should be there is missing, has the wrong length or the wrong hashes: the store must be rebuilt. */
export class DamagedTilesError extends Error {
  override name = 'DamagedTilesError';
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Reads hashes from a tile store; `node` serves proofs and roots for any size up to the state's. */
export class TileStore implements TreeNodeSource {
  private readonly tiles = new Map<string, Buffer>();

  constructor(readonly dir: string) {}

  /** The store's state, or null when there is none (or it cannot be read as one). */
  state(): TileStoreState | null {
    try {
      return parseState(readFileSync(join(this.dir, STATE_FILE), 'utf8'));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * The hashes of tile (`level`, `index`), at least `width` of them (a full
   * tile, else the widest partial one). A full tile is checked against its
   * entry in the tile above (itself checked so, up to a partial tile): partial
   * tiles make up the tree's right edge, which the root checks.
   */
  tile(level: number, index: number, width: number): Buffer {
    const key = `${level}/${index}`;
    const cached = this.tiles.get(key);
    if (cached !== undefined && cached.length >= width * HASH_BYTES) return cached;
    // A writer may swap a partial tile for a wider or full one between our looks: one more try settles it.
    const data = this.readTile(level, index, width) ?? this.readTile(level, index, width);
    if (data === null) throw new DamagedTilesError(`${tilePath(level, index)} (${width} hashes) is missing`);
    if (data.length === TILE_BYTES) {
      const slot = index % TILE_WIDTH;
      const above = this.tile(level + 1, Math.floor(index / TILE_WIDTH), slot + 1);
      if (!sameHash(foldTileHashes(data, 0, TILE_WIDTH), above.subarray(slot * HASH_BYTES, (slot + 1) * HASH_BYTES))) {
        throw new DamagedTilesError(`${tilePath(level, index)} does not hash to its entry in ${tilePath(level + 1, Math.floor(index / TILE_WIDTH))}`);
      }
    }
    this.tiles.set(key, data);
    return data;
  }

  private readTile(level: number, index: number, width: number): Buffer | null {
    const full = join(this.dir, tilePath(level, index));
    try {
      const data = readFileSync(full);
      if (data.length !== TILE_BYTES) throw new DamagedTilesError(`${tilePath(level, index)} has ${data.length} bytes`);
      return data;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    let widths: number[];
    try {
      widths = readdirSync(`${full}.p`).map(parseDecimal).filter((value): value is number => value !== null && value > 0 && value < TILE_WIDTH);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const widest = Math.max(0, ...widths);
    if (widest < width) return null;
    try {
      const data = readFileSync(join(this.dir, tilePath(level, index, widest)));
      if (data.length !== widest * HASH_BYTES) throw new DamagedTilesError(`${tilePath(level, index, widest)} has ${data.length} bytes`);
      return data;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The hash of the complete subtree (`level`, `index`): a tile entry, or the hashes of a part of a tile folded up. */
  node(level: number, index: number): Buffer {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level % TILE_HEIGHT);
    const first = index * span;
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const slot = first % TILE_WIDTH;
    const data = this.tile(tileLevel, tileIndex, slot + span);
    return foldTileHashes(data, slot, span);
  }

  root(size: number): Buffer {
    return treeRoot(this, size);
  }

  inclusionProof(index: number, size: number): Buffer[] {
    return inclusionPath(this, index, size);
  }

  consistencyProof(oldSize: number, newSize: number): Buffer[] {
    return consistencyPath(this, oldSize, newSize);
  }
}

/** The root of the `count` (a power of two) tile hashes from `slot` on. */
function foldTileHashes(data: Buffer, slot: number, count: number): Buffer {
  if (count === 1) return data.subarray(slot * HASH_BYTES, (slot + 1) * HASH_BYTES);
  const half = count / 2;
  return nodeHash(foldTileHashes(data, slot, half), foldTileHashes(data, slot + half, half));
}

/** Where the builder's tiles go: a new folder (plain writes) or the live store (atomic replacements). */
interface TileWriter {
  write(path: string, data: Buffer): void;
}

/**
 * Writes into a folder nobody reads yet, many files at once: creating a file
 * can cost far more than hashing its 256 leaves, so the writes run in the
 * background (at most `WRITES_IN_FLIGHT`) while the pass goes on.
 */
class FreshFolderWriter implements TileWriter {
  private readonly folders = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly dir: string) {}

  write(path: string, data: Buffer): void {
    const file = join(this.dir, path);
    const folder = dirname(file);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, {recursive: true});
      this.folders.add(folder);
    }
    const written: Promise<void> = writeFile(file, Buffer.from(data))
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(written));
    this.inFlight.add(written);
  }

  /** Waits until at most `limit` writes are pending; throws the first write error. */
  async drain(limit = 0): Promise<void> {
    while (this.inFlight.size > limit) await Promise.race(this.inFlight);
    if (this.failure !== null) throw this.failure;
  }
}

const WRITES_IN_FLIGHT = 32;

class LiveStoreWriter implements TileWriter {
  constructor(private readonly dir: string) {}

  write(path: string, data: Buffer): void {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), {recursive: true});
    replaceFileSync(file, data);
  }
}

/** A compact range that also fills the rightmost tile of each level, writing each tile as it fills. */
class TileBuilder {
  private readonly range: CompactRange;
  /** The rightmost (unfinished) tile of each level. */
  private readonly tiles: Buffer[] = [];
  /** Full tiles written, by level, for the partial ones they replace. */
  readonly fullTiles: {level: number; index: number}[] = [];

  constructor(
    private readonly writer: TileWriter,
    resume?: {size: number; edge: HashText[]; tiles: Buffer[]; last: number; end: number},
  ) {
    const onNode = (level: number, index: number, hash: HashText) => {
      if (level % TILE_HEIGHT === 0) this.place(level / TILE_HEIGHT, index, hash);
    };
    this.range = resume === undefined ? new CompactRange(onNode) : CompactRange.resume(resume.size, resume.edge, onNode);
    if (resume !== undefined) {
      this.tiles.push(...resume.tiles);
      this.last = resume.last;
      this.end = resume.end;
    }
  }

  private place(tileLevel: number, index: number, hash: HashText): void {
    let tile = this.tiles[tileLevel];
    if (tile === undefined) tile = this.tiles[tileLevel] = Buffer.alloc(TILE_BYTES);
    const slot = index % TILE_WIDTH;
    tile.write(hash, slot * HASH_BYTES, HASH_BYTES, 'latin1');
    if (slot === TILE_WIDTH - 1) {
      const tileIndex = (index - slot) / TILE_WIDTH;
      this.writer.write(tilePath(tileLevel, tileIndex), tile);
      this.fullTiles.push({level: tileLevel, index: tileIndex});
    }
  }

  /** Where the last leaf's line starts and the byte after it, for the state. */
  last = 0;
  end = 0;

  /** Takes in the leaf of the trail line [start, end). */
  appendLine(leaf: HashText, start: number, end: number): boolean {
    this.range.appendLeafHash(leaf);
    this.last = start;
    this.end = end;
    return true;
  }

  get size(): number {
    return this.range.size;
  }

  root(): Buffer {
    return this.range.root();
  }

  /** The partial tile of each level for the current size: `floor(size / 256^L) mod 256` hashes, when not 0. */
  partialTiles(): {level: number; index: number; width: number; data: Buffer}[] {
    const partial: {level: number; index: number; width: number; data: Buffer}[] = [];
    for (let level = 0, below = this.size; below > 0; level++, below = Math.floor(below / TILE_WIDTH)) {
      const width = below % TILE_WIDTH;
      if (width > 0) partial.push({level, index: Math.floor(below / TILE_WIDTH), width, data: this.tiles[level].subarray(0, width * HASH_BYTES)});
    }
    return partial;
  }
}

export interface TileSyncOptions {
  /** The store folder; default `TRAIL.tiles`. */
  store?: string;
  /** Rebuild from the whole trail even when the store looks current. */
  rebuild?: boolean;
}

export interface TileSyncResult {
  store: TileStore;
  /** Leaves the store now holds (every complete line of the trail). */
  size: number;
  root: Buffer;
  /** Whether it was built afresh, and why. */
  rebuilt: boolean;
  reason: string | null;
  /** Leaves taken in by this update. */
  added: number;
  /** Bytes of an unfinished last line, left out until its newline is written. */
  unfinishedBytes: number;
}

/**
 * Brings the tile store of `trail` up to date with every complete line of the
 * trail: extended from where it ended when it still fits the trail, rebuilt in
 * one pass otherwise (or when asked). Throws the file-system error when the
 * store cannot be written (a read-only folder: callers may compute without it).
 */
export async function syncTrailTiles(trail: string, options: TileSyncOptions = {}): Promise<TileSyncResult> {
  const dir = options.store ?? tileStorePath(trail);
  // Loaded on first use: only tile updates need the lock (and its fs patches).
  const {default: lockfile} = await import('proper-lockfile');
  const release = await lockfile.lock(dir, LOCK_OPTIONS);
  try {
    const trailBytes = (await stat(trail)).size;
    const store = new TileStore(dir);
    const stale = options.rebuild === true ? 'a rebuild was asked for' : await staleness(store, trail, trailBytes);
    if (stale === null) {
      const extended = await extend(store, trail);
      if (extended !== null) return extended;
    }
    return await rebuild(dir, trail, stale ?? 'the tiles no longer fit the trail');
  } finally {
    await release();
  }
}

/** Why the store cannot be extended as it is, or null when it fits the trail. */
async function staleness(store: TileStore, trail: string, trailBytes: number): Promise<string | null> {
  const state = store.state();
  if (state === null) return 'there were no tiles';
  if (trailBytes < state.end) return 'the trail is shorter than when its tiles were made';
  try {
    if (state.size > 0) {
      const line = await readRange(trail, state.last, state.end);
      if (line[line.length - 1] !== 0x0a) return 'the last leaf of the tiles is no longer a line of the trail';
      const to = line.length >= 2 && line[line.length - 2] === 0x0d ? line.length - 2 : line.length - 1;
      if (!sameHash(leafHash(line.subarray(0, to)), store.node(0, state.size - 1))) return 'the last leaf of the tiles is no longer the trail’s';
    }
    if (!sameHash(store.root(state.size), state.root)) return 'the tiles do not give the root they were made with';
  } catch (error) {
    if (error instanceof DamagedTilesError) return `a tile is damaged: ${error.message}`;
    throw error;
  }
  return null;
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(end - start);
    const {bytesRead} = await handle.read(bytes, 0, bytes.length, start);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Extends a current store with the trail's lines after its end; null when a tile it needs turns out damaged. */
async function extend(store: TileStore, trail: string): Promise<TileSyncResult | null> {
  const state = store.state()!;
  let builder: TileBuilder;
  try {
    builder = new TileBuilder(new LiveStoreWriter(store.dir), {...resumeFrom(store, state.size), last: state.last, end: state.end});
  } catch (error) {
    if (error instanceof DamagedTilesError) return null;
    throw error;
  }
  const scanner = await scanTrailFile(trail, (leaf, start, end) => builder.appendLine(leaf, start, end), state.end);
  const added = builder.size - state.size;
  const root = builder.root();
  if (added > 0) {
    const writer = new LiveStoreWriter(store.dir);
    const partial = builder.partialTiles();
    for (const tile of partial) writer.write(tilePath(tile.level, tile.index, tile.width), tile.data);
    replaceFileSync(join(store.dir, STATE_FILE), formatState({size: builder.size, end: builder.end, last: builder.last, root}), true);
    removeSupersededTiles(store.dir, builder.fullTiles, partial);
  }
  return {store: new TileStore(store.dir), size: builder.size, root, rebuilt: false, reason: null, added, unfinishedBytes: scanner.unfinishedBytes};
}

/** What a builder needs to continue a tree of `size` leaves: its edge and the partial tile of each level. */
function resumeFrom(store: TileStore, size: number): {size: number; edge: HashText[]; tiles: Buffer[]} {
  const edge = edgeNodes(size).map(({level, index}) => hashText(store.node(level, index)));
  const tiles: Buffer[] = [];
  for (let level = 0, below = size; below > 0; level++, below = Math.floor(below / TILE_WIDTH)) {
    const tile = Buffer.alloc(TILE_BYTES);
    const width = below % TILE_WIDTH;
    if (width > 0) store.tile(level, Math.floor(below / TILE_WIDTH), width).copy(tile, 0, 0, width * HASH_BYTES);
    tiles.push(tile);
  }
  return {size, edge, tiles};
}

/** Partial tiles narrower than the ones just written, and partial tiles of positions now full. */
function removeSupersededTiles(dir: string, full: readonly {level: number; index: number}[], partial: readonly {level: number; index: number; width: number}[]): void {
  for (const tile of full) rmSync(join(dir, `${tilePath(tile.level, tile.index)}.p`), {recursive: true, force: true});
  for (const tile of partial) {
    const folder = join(dir, `${tilePath(tile.level, tile.index)}.p`);
    for (const name of readdirSync(folder)) {
      if (name !== String(tile.width)) rmSync(join(folder, name), {force: true});
    }
  }
}

/** Builds the store afresh from the whole trail, in a new folder that then replaces the old one. */
async function rebuild(dir: string, trail: string, reason: string): Promise<TileSyncResult> {
  const fresh = join(dirname(dir), `.${basename(dir)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(fresh);
  const writer = new FreshFolderWriter(fresh);
  try {
    const builder = new TileBuilder(writer);
    const scanner = await scanTrailFile(trail, (leaf, start, end) => builder.appendLine(leaf, start, end), 0, () => writer.drain(WRITES_IN_FLIGHT));
    for (const tile of builder.partialTiles()) writer.write(tilePath(tile.level, tile.index, tile.width), tile.data);
    await writer.drain();
    const root = builder.size === 0 ? Buffer.from(EMPTY_ROOT) : builder.root();
    writeFileSync(join(fresh, STATE_FILE), formatState({size: builder.size, end: builder.end, last: builder.last, root}));
    await swapIn(fresh, dir);
    return {store: new TileStore(dir), size: builder.size, root, rebuilt: true, reason, added: builder.size, unfinishedBytes: scanner.unfinishedBytes};
  } catch (error) {
    await writer.drain().catch(() => undefined);
    rmSync(fresh, {recursive: true, force: true});
    throw error;
  }
}

async function swapIn(fresh: string, dir: string): Promise<void> {
  const old = `${fresh}.old`;
  try {
    await rename(dir, old);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  renameSync(fresh, dir);
  await rm(old, {recursive: true, force: true});
}

/** The store of `trail` as it is, when it fits the trail (for readers that cannot update it), else null. */
export async function readableTileStore(trail: string, dir: string = tileStorePath(trail)): Promise<TileStore | null> {
  const store = new TileStore(dir);
  try {
    return (await staleness(store, trail, (await stat(trail)).size)) === null ? store : null;
  } catch (error) {
    if (isMissing(error) || isReadOnlyError(error)) return null;
    throw error;
  }
}

/** Whether an error says the store's folder cannot be written (proofs can still be computed without tiles). */
export function isReadOnlyError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EROFS' || code === 'EPERM';
}
