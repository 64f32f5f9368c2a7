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

export class ChainFileError extends Error {
  override name = 'ChainFileError';
}

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
  private offset = 0;
  private partial = '';
  private lineNumber = 0;

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
      const line = `${this.format(artifact)}\n`;
      writeSync(fd, line);
      if (this.durable) fdatasyncSync(fd);
      this.offset += Buffer.byteLength(line);
      this.lineNumber++;
      this.record(artifact);
    } finally {
      closeSync(fd);
    }
    return artifact;
  }

  /** Reads lines other writers appended since our last look. */
  private catchUp(fd: number): void {
    const size = fstatSync(fd).size;
    if (size < this.offset) throw new ChainFileError(`${this.path} shrank while being appended to`);
    const buffer = Buffer.alloc(1 << 20);
    while (this.offset < size) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - this.offset), this.offset);
      if (read <= 0) break;
      this.offset += read;
      const text = this.partial + buffer.subarray(0, read).toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.readLine(line);
    }
    if (this.partial.trim() !== '') {
      throw new ChainFileError(`${this.path}:${this.lineNumber + 1}: the last line is incomplete; refusing to append after it`);
    }
  }

  private readLine(line: string): void {
    this.lineNumber++;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = parseJson(line);
    } catch {
      throw new ChainFileError(`${this.path}:${this.lineNumber}: not valid JSON; refusing to append to a damaged chain file`);
    }
    if (isDict(value)) this.record(value);
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
