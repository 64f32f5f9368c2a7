// Writing hash-chained audit trails: JSONL files that several processes may
// append to. Each commit takes the file's lock, reads what other writers
// added since (or, the first time, the file's end back to the last link of
// the chain to continue), links a batch of artifacts after the file's real
// end, appends them in one write, syncs them as the durability asks, and only
// then reports them (the `reported` callback, then the after-batch hook's
// caller sees them) and releases the lock. So concurrent writers never fork or
// interleave a chain, and nothing is reported before it is in the trail.
//
// A writer killed mid-write can leave a torn last line. Its lock is left too,
// and the next writer takes it over (its holder is dead): then, and only then,
// the torn line (bytes after the last newline that are not JSON, never
// reported by anyone) is cut off, so the trail verifies and goes on. Any other
// damaged end is refused.

import {CanonicalJsonError} from '../canonical/canonical.js';
import {pyJsonDumps} from '../canonical/dumps.js';
import {parseJson} from '../canonical/json.js';
import {FileLockError, type FileLockOptions} from '../io/file-lock.js';
import {type AppendPlan, appendLocked, appendLockedSync, type LockedFile} from '../io/locked-append.js';
import {LongLineError, visitLinesBackward, visitLinesForward} from '../io/tail-lines.js';
import {LineBytes} from '../io/line-bytes.js';
import {isDict, type PyDict} from '../python/values.js';
import {AuditChain, linkChecksum} from './chain.js';
import type {Durability} from './durability.js';

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

/** A batch as it now is in the trail, for the after-batch hook. */
export interface TrailBatch<Linked = PyDict> {
  readonly path: string;
  /** The chained artifacts (as the writer's linker gives them), in order. */
  readonly artifacts: readonly Linked[];
  /** Their lines as written, each with its newline. */
  readonly bytes: Buffer;
  /** Byte offset of the first line in the file. */
  readonly start: number;
  /** The file's size after the batch (its last newline included). */
  readonly end: number;
  readonly durability: Durability;
}

/**
 * How a writer links what it is given (an artifact, or an artifact's texts
 * made ready elsewhere: audit/link-template.ts) as its chain's next link.
 */
export interface TrailLinker<Item, Linked> {
  /** Links `item` as `chain`'s next artifact (advancing the chain), appending its line and newline to `lines`: it as linked. */
  link(chain: AuditChain, item: Item, lines: LineBytes): Linked;
}

export interface TrailWriterOptions<Item = PyDict, Linked = Item> {
  /** The chain to continue or start; default the file's last chain, else a new UUID. */
  chainId?: string;
  /** Links each item; default: artifacts linked in place (`appendArtifact`) and written by `format`. */
  linker?: TrailLinker<Item, Linked>;
  /** One artifact as one line, without the newline (default: compact Python json.dumps); for the default linker. */
  format?: (artifact: PyDict) => string;
  /** Default 'batch'. */
  durability?: Durability;
  lock?: FileLockOptions;
  /**
   * Runs once a batch is in the trail (synced as the durability asks), still
   * under the lock and before the batch is reported: what must follow the
   * trail batch by batch (checkpoints, tiles) is kept in the trail's order.
   * `commit` waits for a promise it returns; the synchronous forms
   * (`commitSync`, a chained JsonFileAuditSink) need it synchronous.
   */
  afterBatch?: (batch: TrailBatch<Linked>) => void | Promise<void>;
  /** Told (one line) when a torn line left by a writer that died was cut off. */
  onRecovery?: (message: string) => void;
}

interface ChainState {
  length: number;
  lastChecksum: string | null;
}

/** A line at the end longer than this is not read into memory to continue after it. */
const MAX_TAIL_LINE = 64 * 1024 * 1024;

const compactLine = (artifact: PyDict): string => pyJsonDumps(artifact, {separators: [',', ':']});

export class TrailWriter<Item = PyDict, Linked = Item> {
  readonly durability: Durability;
  private readonly chains = new Map<string, ChainState>();
  private readonly chainId: string | undefined;
  private readonly linker: TrailLinker<Item, Linked>;
  private readonly options: TrailWriterOptions<Item, Linked>;
  private lastChainId: string | null = null;
  /** Bytes of the file already taken into account. */
  private offset = 0;
  /** The file ends with a complete line that has no newline: ours must start with one. */
  private unterminated = false;

  constructor(
    readonly path: string,
    options: TrailWriterOptions<Item, Linked> = {},
  ) {
    this.options = options;
    this.chainId = options.chainId;
    // Without a linker of their own, Item and Linked are PyDict (the type parameters' defaults).
    this.linker = options.linker ?? (artifactLinker(options) as unknown as TrailLinker<Item, Linked>);
    this.durability = options.durability ?? 'batch';
  }

  /**
   * Chains `artifacts` (in place, in order) after the file's end and writes
   * them; `reported` runs with the chained artifacts (replacements included)
   * once they are durable, before the lock is released. With durability
   * 'each', one artifact at a time. Waits for other writers with timers.
   */
  async commit(artifacts: Item[], reported?: (batch: TrailBatch<Linked>) => void): Promise<Linked[]> {
    const chained: Linked[] = [];
    for (const batch of this.batchesOf(artifacts)) {
      for (;;) {
        try {
          chained.push(...(await appendLocked(this.path, this.appendOptions(), (file) => this.plan(file, batch, reported))));
          break;
        } catch (error) {
          if (!lockLost(error)) throw error;
        }
      }
    }
    return chained;
  }

  /** As `commit`, waiting for other writers by sleeping the thread. */
  commitSync(artifacts: Item[], reported?: (batch: TrailBatch<Linked>) => void): Linked[] {
    const chained: Linked[] = [];
    for (const batch of this.batchesOf(artifacts)) {
      for (;;) {
        try {
          const done = appendLockedSync(this.path, this.appendOptions(), (file) => this.plan(file, batch, reported));
          if (done instanceof Promise) {
            done.catch(() => undefined);
            throw new TypeError('afterBatch returned a promise: a synchronous commit needs a synchronous hook');
          }
          chained.push(...done);
          break;
        } catch (error) {
          if (!lockLost(error)) throw error;
        }
      }
    }
    return chained;
  }

  private batchesOf(artifacts: Item[]): Item[][] {
    if (artifacts.length === 0) return [];
    return this.durability === 'each' ? artifacts.map((artifact) => [artifact]) : [artifacts];
  }

  private appendOptions() {
    return {...this.options.lock, sync: this.durability !== 'none'};
  }

  /** Under the lock: catch up with the file, link the batch after its end, and say what to write and do once written. */
  private plan(file: LockedFile, artifacts: Item[], reported: ((batch: TrailBatch<Linked>) => void) | undefined): AppendPlan<Linked[] | Promise<Linked[]>> {
    this.catchUp(file);
    const id = this.chainId ?? this.lastChainId ?? undefined;
    const state = id !== undefined ? this.chains.get(id) : undefined;
    const chain = new AuditChain(id, state);
    const chained: Linked[] = [];
    const lines = new LineBytes();
    for (const artifact of artifacts) chained.push(this.linker.link(chain, artifact, lines));
    const body = lines.take();
    // After a last line without its newline, ours starts with one.
    const bytes = this.unterminated ? Buffer.concat([NEWLINE, body]) : body;
    const start = file.size + bytes.length - body.length;
    return {
      bytes,
      written: (end) => {
        this.offset = end;
        this.unterminated = false;
        this.chains.set(chain.chainId, {length: chain.length, lastChecksum: chain.lastChecksum});
        this.lastChainId = chain.chainId;
        const batch: TrailBatch<Linked> = {path: this.path, artifacts: chained, bytes: body, start, end, durability: this.durability};
        const report = (): Linked[] => {
          reported?.(batch);
          return chained;
        };
        const after = this.options.afterBatch?.(batch);
        return after instanceof Promise ? after.then(report) : report();
      },
    };
  }

  /** Takes in what the file holds beyond what we know: its tail at first, then what other writers added. */
  private catchUp(file: LockedFile): void {
    const size = file.size;
    if (size < this.offset) throw new ChainFileError(this.path, 'the file shrank while being appended to');
    if (size === this.offset) return;
    if (this.offset === 0) this.readTail(file);
    else visitLinesForward(file.fd, this.offset, size, (line, position, isLast) => this.takeLine(file, line, position, isLast));
    this.offset = file.size;
  }

  /**
   * The first look: lines from the end of the file back to the last link of
   * the chain to continue, so appending to a trail of any size reads only its
   * end. Every line read must be JSON: a damaged end is not appended to.
   */
  private readTail(file: LockedFile): void {
    try {
      visitLinesBackward(file.fd, file.size, MAX_TAIL_LINE, (line, position, isLast) => {
        const artifact = this.parseLine(file, line, position, isLast);
        if (!artifact || typeof artifact.chain_id !== 'string') return false;
        if (this.chainId !== undefined && artifact.chain_id !== this.chainId) return false;
        this.record(artifact, position);
        return true;
      });
    } catch (error) {
      if (error instanceof LongLineError) {
        throw new ChainFileError(this.path, `the last line is longer than ${MAX_TAIL_LINE} bytes; refusing to append after it`);
      }
      throw error;
    }
  }

  /** A line other writers appended since our last look. */
  private takeLine(file: LockedFile, line: Buffer, position: number, isLast: boolean): boolean {
    const artifact = this.parseLine(file, line, position, isLast);
    if (artifact) this.record(artifact, position);
    return false;
  }

  /**
   * A line's artifact (null for a blank line or a value that is not an
   * object). The file's last line may lack its newline if it is complete
   * JSON; the next line written then starts with one.
   */
  private parseLine(file: LockedFile, bytes: Buffer, position: number, isLast: boolean): PyDict | null {
    const withoutBom = position === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    const text = withoutBom.toString('utf8');
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = parseJson(text);
    } catch {
      if (isLast && file.lock.tookOverFrom !== null) return this.cutTornLine(file, position, bytes.length);
      const what = isLast ? 'the last line is incomplete or not JSON' : `the line at byte ${position} is not valid JSON`;
      throw new ChainFileError(this.path, `${what}; refusing to append to a damaged chain file`);
    }
    if (isLast) this.unterminated = true;
    return isDict(value) ? value : null;
  }

  /** The torn last line of a writer that died holding the lock: never reported, cut off. */
  private cutTornLine(file: LockedFile, position: number, length: number): null {
    file.lock.verify();
    file.truncate(position);
    const holder = file.lock.tookOverFrom;
    const who = holder && holder.pid > 0 ? ` (pid ${holder.pid} on host ${holder.host})` : '';
    this.options.onRecovery?.(`${this.path}: removed a torn last line of ${length} bytes left by a writer that died${who}`);
    return null;
  }

  /**
   * Takes a line's link as the last of its chain. The next link repeats its
   * chain id and checksum in canonical bytes, so both must have them: a lone
   * surrogate in either (or, for a legacy link with no stored checksum, in the
   * artifact it hashes) is refused here, naming the line, rather than failing
   * the next append.
   */
  private record(artifact: PyDict, position: number): void {
    const id = artifact.chain_id;
    if (typeof id !== 'string') return;
    const index = typeof artifact.chain_index === 'number' ? artifact.chain_index : -1;
    if (!id.isWellFormed()) this.refuseLink(position, 'a chain_id with a lone surrogate');
    let sum: string;
    try {
      sum = linkChecksum(artifact);
    } catch (error) {
      if (!(error instanceof CanonicalJsonError)) throw error;
      this.refuseLink(position, `no checksum and no canonical form (${error.message})`);
    }
    if (!sum.isWellFormed()) this.refuseLink(position, 'a checksum with a lone surrogate');
    this.chains.set(id, {length: index + 1, lastChecksum: sum});
    this.lastChainId = id;
  }

  private refuseLink(position: number, what: string): never {
    throw new ChainFileError(this.path, `the line at byte ${position} has ${what}, which no next link can be hashed with; refusing to append after it`);
  }
}

const NEWLINE = Buffer.from('\n');

/**
 * Links `artifact` in place as `chain`'s next; one with no canonical bytes is
 * chained as what `replaceUnrecordable` makes of it, or, without it, throws
 * CanonicalJsonError.
 */
export function appendArtifact(chain: AuditChain, artifact: PyDict, replaceUnrecordable?: (artifact: PyDict, error: CanonicalJsonError) => PyDict): PyDict {
  try {
    return chain.append(artifact);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError) || !replaceUnrecordable) throw error;
    return chain.append(replaceUnrecordable(artifact, error));
  }
}

/** The default linker: artifacts linked in place, written by `format`; one with no canonical bytes fails the commit. */
function artifactLinker(options: Pick<TrailWriterOptions, 'format'>): TrailLinker<PyDict, PyDict> {
  const format = options.format ?? compactLine;
  return {
    link(chain, artifact, lines) {
      const linked = chain.append(artifact);
      lines.text(format(linked));
      lines.newline();
      return linked;
    },
  };
}

function lockLost(error: unknown): boolean {
  return error instanceof FileLockError && error.code === 'ELOCKLOST';
}
