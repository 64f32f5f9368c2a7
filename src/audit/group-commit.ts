// Group commit for a chain writer: artifacts are queued as they are decided
// and committed together, so a stream pays one lock, one write and one sync
// per batch instead of per artifact. A batch is committed once it holds
// `maxArtifacts`, or once its first artifact has waited `maxDelayMs` (checked
// as artifacts come, and by a timer once the producer has nothing more at
// hand, so a slow stream is still written promptly), or when the producer
// closes. While a commit is being synced, the next batch goes on filling
// until that sync is done (or the batch is full): a slow disk then gets
// bigger batches rather than the producer waiting for it. Batches are
// committed one after another, in order, and each is reported only once it
// is durable.

import type {PyDict} from '../python/values.js';
import type {TrailBatch, TrailWriter} from './trail-writer.js';

export interface GroupCommitBounds {
  /** Most artifacts in one batch (default 1024; always 1 with durability 'each'). */
  maxArtifacts?: number;
  /** Longest wait, in milliseconds, from an artifact's arrival to its batch's commit (default 5; 0: at the next turn of the event loop). */
  maxDelayMs?: number;
  /**
   * After a failed commit, refuse everything (default true: a stream stops at
   * its first I/O error); false fails only that batch's waiters, for a
   * long-lived writer that may see a full disk pass.
   */
  stopOnFailure?: boolean;
  /**
   * Commit with the writer's synchronous form (default false). The
   * asynchronous form syncs in the thread pool while the next batch fills,
   * but no synchronous commit to the same file may run in this process
   * meanwhile: a sink that also writes synchronously must commit so.
   */
  synchronous?: boolean;
}

export const DEFAULT_MAX_ARTIFACTS = 1024;
export const DEFAULT_MAX_DELAY_MS = 5;

interface Batch<Item> {
  artifacts: Item[];
  firstAt: number;
  /** Settled with the batch's commit; made when someone waits for it. */
  waiters: Array<{resolve: () => void; reject: (error: unknown) => void}>;
}

/** Group commit of artifacts (`Item`: what the writer links, PyDict unless it has a linker of its own). */
export class GroupCommit<Item = PyDict, Linked = Item> {
  private readonly maxArtifacts: number;
  private readonly maxDelayMs: number;
  private readonly stopOnFailure: boolean;
  private readonly synchronous: boolean;
  private open: Batch<Item> = newBatch();
  /** The last commit started: the next one starts after it. */
  private tail: Promise<void> = Promise.resolve();
  /** Cancels the pending timed commit. */
  private cancelTimer: (() => void) | null = null;
  private failure: {error: unknown} | null = null;
  /** Batches sealed whose commit has not finished. */
  private unfinished = 0;

  constructor(
    private readonly writer: TrailWriter<Item, Linked>,
    /** Called with each batch once it is durable, in order (still under the lock). */
    private readonly reported: (batch: TrailBatch<Linked>) => void,
    bounds: GroupCommitBounds = {},
  ) {
    this.maxArtifacts = writer.durability === 'each' ? 1 : Math.max(1, bounds.maxArtifacts ?? DEFAULT_MAX_ARTIFACTS);
    this.maxDelayMs = Math.max(0, bounds.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    this.stopOnFailure = bounds.stopOnFailure ?? true;
    this.synchronous = bounds.synchronous ?? false;
  }

  /**
   * Queues an artifact. When that fills the batch, its commit is started and
   * the previous batch's commit returned: wait for it before queuing more, so
   * one batch fills while one is written, and a writer that waits for the
   * lock or the disk holds the producer back.
   */
  add(artifact: Item): Promise<void> | undefined {
    this.throwIfFailed();
    const batch = this.open;
    if (batch.artifacts.length === 0) batch.firstAt = performance.now();
    batch.artifacts.push(artifact);
    if (batch.artifacts.length >= this.maxArtifacts) {
      const previous = this.tail;
      // Its failure reaches the producer at the next call (and now, if it waits for `previous`).
      this.commitOpen().catch(() => undefined);
      return previous;
    }
    if (this.unfinished === 0 && this.waitedTooLong()) this.commitOpen().catch(() => undefined);
    return undefined;
  }

  /** The producer has nothing more at hand: what is queued is committed within the time bound. */
  idle(): void {
    if (this.open.artifacts.length === 0 || this.cancelTimer !== null) return;
    const wait = Math.max(0, this.maxDelayMs - (performance.now() - this.open.firstAt));
    const fire = () => {
      this.cancelTimer = null;
      // A failure is kept and thrown to the producer at its next call.
      this.commitOpen().catch(() => undefined);
    };
    if (wait === 0) {
      const immediate = setImmediate(fire);
      this.cancelTimer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(fire, wait);
      this.cancelTimer = () => clearTimeout(timeout);
    }
  }

  /** Resolves once everything queued so far is durable (committing it within the time bound). */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.open.artifacts.length === 0) return this.tail;
    const waited = new Promise<void>((resolve, reject) => this.open.waiters.push({resolve, reject}));
    this.idle();
    return waited;
  }

  /** Commits what is queued; resolves once everything is durable, or rejects with the first failure. */
  async close(): Promise<void> {
    this.clearTimer();
    await this.commitOpen();
    this.throwIfFailed();
  }

  private waitedTooLong(): boolean {
    return performance.now() - this.open.firstAt >= this.maxDelayMs;
  }

  private commitOpen(): Promise<void> {
    this.clearTimer();
    const batch = this.open;
    if (batch.artifacts.length === 0) return this.tail;
    this.open = newBatch();
    this.unfinished++;
    // After the previous commit whatever its outcome: a failure is passed on to this batch's waiters.
    this.tail = this.tail.catch(() => undefined).then(() => this.commitBatch(batch));
    return this.tail;
  }

  private async commitBatch(batch: Batch<Item>): Promise<void> {
    try {
      if (this.failure) throw this.failure.error;
      if (this.synchronous) this.writer.commitSync(batch.artifacts, this.reported);
      else await this.writer.commit(batch.artifacts, this.reported);
    } catch (error) {
      if (this.stopOnFailure) this.failure ??= {error};
      for (const waiter of batch.waiters) waiter.reject(error);
      throw error;
    } finally {
      this.unfinished--;
    }
    for (const waiter of batch.waiters) waiter.resolve();
    // What filled up during this commit goes next, if it has waited long enough.
    if (this.unfinished === 0 && this.open.artifacts.length > 0 && this.waitedTooLong()) this.commitOpen().catch(() => undefined);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

function newBatch<Item>(): Batch<Item> {
  return {artifacts: [], firstAt: 0, waiters: []};
}
