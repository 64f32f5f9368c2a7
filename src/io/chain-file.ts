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

export class ChainFileWriter {
  private readonly chains = new Map<string, ChainState>();
  private lastChainId: string | null = null;
  private offset = 0;
  private partial = '';
  private lineNumber = 0;

  /** `chainId`: the chain to continue or start; default the file's last chain, else a new UUID. */
  constructor(
    readonly path: string,
    private readonly chainId?: string,
  ) {}

  /** Chains `artifact` (in place) onto the file and writes it; returns the chained artifact. */
  async append(artifact: PyDict): Promise<PyDict> {
    // Loaded on first use: only `--chain` runs need the lock (and its fs patches).
    const {default: lockfile} = await import('proper-lockfile');
    const release = await lockfile.lock(this.path, LOCK_OPTIONS);
    try {
      const fd = openSync(this.path, 'a+');
      try {
        this.catchUp(fd);
        const id = this.chainId ?? this.lastChainId ?? undefined;
        const state = id !== undefined ? this.chains.get(id) : undefined;
        const chain = new AuditChain(id, state);
        chain.append(artifact);
        const line = `${pyJsonDumps(artifact, {separators: [',', ':']})}\n`;
        writeSync(fd, line);
        fdatasyncSync(fd);
        this.offset += Buffer.byteLength(line);
        this.lineNumber++;
        this.record(artifact);
      } finally {
        closeSync(fd);
      }
    } finally {
      await release();
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
