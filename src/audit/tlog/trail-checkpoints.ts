// Checkpoints kept by a trail's writer (`enforce --chain` and `chain append`
// with --checkpoint-key): `TRAIL.checkpoint` is replaced, atomically, after
// the batch that brings N artifacts since the last checkpoint, and once at the
// end of a run that appended any. Each is made under the trail's lock (the
// writer's after-batch hook, or the lock taken for the last one), so it is of
// the trail exactly as its batch left it, never of half a batch by another
// writer. A checkpoint that cannot be written does not stop the writing: the
// artifacts are in the trail and are reported; the failure is kept for the end.

import {acquireFileLock} from '../../io/file-lock.js';
import type {TrailBatch} from '../trail-writer.js';
import type {NoteSigner} from './keys.js';
import {type TrailCheckpoint, trailCheckpointPath, updateTrailCheckpoint} from './log.js';

export interface TrailCheckpointerOptions {
  /** Checkpoint after the batch that brings this many artifacts since the last checkpoint (default: only at the end). */
  every?: number;
  /** Told once when a checkpoint could not be written. */
  warn?: (message: string) => void;
}

export class TrailCheckpointer {
  /** Artifacts appended since the last checkpoint. */
  private pending = 0;
  private closing = false;
  private failure: unknown = null;
  /** The last checkpoint written, if any. */
  last: (TrailCheckpoint & {file: string}) | null = null;

  constructor(
    readonly trail: string,
    private readonly logKey: NoteSigner,
    private readonly options: TrailCheckpointerOptions = {},
  ) {}

  /** Where the checkpoints go: `TRAIL.checkpoint`. */
  get file(): string {
    return trailCheckpointPath(this.trail);
  }

  /** The writer's after-batch hook (`TrailWriterOptions.afterBatch`): runs under the trail's lock. */
  readonly afterBatch = async (batch: TrailBatch<unknown>): Promise<void> => {
    this.pending += batch.artifacts.length;
    const every = this.options.every;
    if (this.closing || (every !== undefined && this.pending >= every)) await this.checkpoint();
  };

  /** From now on every batch is checkpointed: the writer is committing its last ones. */
  closingBatches(): void {
    this.closing = true;
  }

  /**
   * After the writer's last commit: checkpoints under the trail's lock what
   * no batch did, then throws the first failure, if there was one.
   */
  async finish(): Promise<void> {
    if (this.pending > 0 && this.failure === null) {
      const lock = await acquireFileLock(this.trail);
      try {
        await this.checkpoint();
      } finally {
        lock.release();
      }
    }
    if (this.failure !== null) throw this.failure;
  }

  private async checkpoint(): Promise<void> {
    if (this.failure !== null) return;
    try {
      this.last = await updateTrailCheckpoint(this.trail, this.logKey);
      this.pending = 0;
    } catch (error) {
      this.failure = error;
      this.options.warn?.(`cannot write the checkpoint ${this.file}: ${(error as Error).message}; the artifacts go on being appended`);
    }
  }
}
