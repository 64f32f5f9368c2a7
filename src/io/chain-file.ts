// Appending artifacts to a hash-chained JSONL file shared by several
// processes: each append takes an exclusive lock, reads what other writers
// added since (to continue the chain at the file's end), appends one line and
// syncs it to disk before the lock is released.

import {closeSync, fdatasyncSync, fstatSync, openSync, readSync, writeSync} from 'node:fs';
import {pyJsonDumps} from '../canonical/dumps.js';
import {parseJson} from '../canonical/json.js';
import {AuditChain, linkChecksum} from '../audit/chain.js';
import {isDict, type PyDict} from '../python/values.js';

interface ChainState {
  length: number;
  lastChecksum: string | null;
}

/** The chain file's content forbids appending: `reason` says why, the message names the file too. */
export class ChainFileError extends Error {
  override name = 'ChainFileError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** How much of the file's end is read at a time when looking for the link to continue. */
const TAIL_BLOCK = 1 << 16;
/** A line at the end longer than this is not read into memory to continue after it. */
const MAX_TAIL_LINE = 64 * 1024 * 1024;

const LOCK_OPTIONS = {realpath: false, stale: 30_000, retries: {retries: 2000, minTimeout: 2, maxTimeout: 25}};

export interface ChainFileOptions {
  /** The chain to continue or start; default the file's last chain, else a new UUID. */
  chainId?: string;
  /** One artifact as one line, without the newline (default: compact Python json.dumps). */
  format?: (artifact: PyDict) => string;
  /** Sync each line to disk before the append returns (default true). */
  durable?: boolean;
}

const compactLine = (artifact: PyDict): string => pyJsonDumps(artifact, {separators: [',', ':']});

export class ChainFileWriter {
  private readonly chains = new Map<string, ChainState>();
  private readonly chainId: string | undefined;
  private readonly format: (artifact: PyDict) => string;
  private readonly durable: boolean;
  private lastChainId: string | null = null;
  /** Bytes of the file already taken into account. */
  private offset = 0;
  /** The file ends with a complete line that has no newline: ours must start with one. */
  private unterminated = false;

  constructor(
    readonly path: string,
    options: ChainFileOptions = {},
  ) {
    this.chainId = options.chainId;
    this.format = options.format ?? compactLine;
    this.durable = options.durable ?? true;
  }

  /** Chains `artifact` (in place) onto the file under an exclusive lock shared with other processes. */
  async append(artifact: PyDict): Promise<PyDict> {
    // Loaded on first use: only `--chain` runs need the lock (and its fs patches).
    const {default: lockfile} = await import('proper-lockfile');
    const release = await lockfile.lock(this.path, LOCK_OPTIONS);
    try {
      return this.appendUnlocked(artifact);
    } finally {
      await release();
    }
  }

  /**
   * Chains `artifact` (in place) after whatever the file holds now, and
   * writes it. Synchronous, so writers in one process never fork the chain;
   * writers in other processes need `append`'s lock.
   */
  appendUnlocked(artifact: PyDict): PyDict {
    const fd = openSync(this.path, 'a+');
    try {
      this.catchUp(fd);
      const id = this.chainId ?? this.lastChainId ?? undefined;
      const state = id !== undefined ? this.chains.get(id) : undefined;
      const chain = new AuditChain(id, state);
      chain.append(artifact);
      const line = `${this.unterminated ? '\n' : ''}${this.format(artifact)}\n`;
      writeSync(fd, line);
      if (this.durable) fdatasyncSync(fd);
      this.offset += Buffer.byteLength(line);
      this.unterminated = false;
      this.record(artifact);
    } finally {
      closeSync(fd);
    }
    return artifact;
  }

  /** Takes in what the file holds beyond what we know: its tail at first, then what other writers added. */
  private catchUp(fd: number): void {
    const size = fstatSync(fd).size;
    if (size < this.offset) throw new ChainFileError(this.path, 'the file shrank while being appended to');
    if (size === this.offset) return;
    if (this.offset === 0) this.readTail(fd, size);
    else this.readForward(fd, size);
    this.offset = size;
  }

  /**
   * The first look: lines from the end of the file back to the last link of
   * the chain to continue, so appending to a trail of any size reads only its
   * end. Every line read must be JSON: a damaged end is not appended to.
   */
  private readTail(fd: number, size: number): void {
    // Pieces of a line longer than a block, latest first.
    const pieces: Buffer[] = [];
    let held = 0;
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - TAIL_BLOCK);
      const block = Buffer.alloc(end - start);
      readSync(fd, block, 0, block.length, start);
      let cut = block.length;
      for (;;) {
        const newline = cut > 0 ? block.lastIndexOf(0x0a, cut - 1) : -1;
        if (newline < 0 && start > 0) {
          pieces.push(block.subarray(0, cut));
          held += cut;
          if (held > MAX_TAIL_LINE) throw new ChainFileError(this.path, `the last line is longer than ${MAX_TAIL_LINE} bytes; refusing to append after it`);
          break;
        }
        const lineStart = newline + 1;
        const line = pieces.length > 0 ? Buffer.concat([block.subarray(lineStart, cut), ...pieces.reverse()]) : block.subarray(lineStart, cut);
        pieces.length = 0;
        held = 0;
        const position = start + lineStart;
        if (this.takeFromTail(line, position, position + line.length === size) || newline < 0) return;
        cut = newline;
      }
      end = start;
    }
  }

  /** One line met going backwards; true once the link to continue is found. */
  private takeFromTail(line: Buffer, position: number, isLast: boolean): boolean {
    const artifact = this.parseLine(line, position, isLast);
    if (!artifact || typeof artifact.chain_id !== 'string') return false;
    if (this.chainId !== undefined && artifact.chain_id !== this.chainId) return false;
    this.record(artifact);
    return true;
  }

  /** Lines other writers appended since our last look, in order. */
  private readForward(fd: number, size: number): void {
    const bytes = Buffer.alloc(size - this.offset);
    readSync(fd, bytes, 0, bytes.length, this.offset);
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline;
      const artifact = this.parseLine(bytes.subarray(start, end), this.offset + start, newline < 0);
      if (artifact) this.record(artifact);
      start = end + 1;
    }
  }

  /**
   * A line's artifact (null for a blank line or a value that is not an
   * object). The file's last line may lack its newline if it is complete
   * JSON; the next line written then starts with one.
   */
  private parseLine(bytes: Buffer, position: number, isLast: boolean): PyDict | null {
    const withoutBom = position === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    const text = withoutBom.toString('utf8');
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = parseJson(text);
    } catch {
      const what = isLast ? 'the last line is incomplete or not JSON' : `the line at byte ${position} is not valid JSON`;
      throw new ChainFileError(this.path, `${what}; refusing to append to a damaged chain file`);
    }
    if (isLast) this.unterminated = true;
    return isDict(value) ? value : null;
  }

  private record(artifact: PyDict): void {
    const id = artifact.chain_id;
    if (typeof id !== 'string') return;
    const index = typeof artifact.chain_index === 'number' ? artifact.chain_index : -1;
    const sum = linkChecksum(artifact);
    this.chains.set(id, {length: index + 1, lastChecksum: sum});
    this.lastChainId = id;
  }
}
