// Audit sinks: where artifacts go as they are decided. A sink receives a deep
// copy, so nothing it does changes the artifact returned to the caller.

import {appendFileSync} from 'node:fs';
import {pyJsonDumps} from '../canonical/dumps.js';
import {AuditSinkError} from '../errors.js';
import {getLogger} from '../logging.js';
import {deepCopy, type PyDict} from '../python/values.js';
import {GroupCommit} from './group-commit.js';
import {assertRecordable} from './trail-admission.js';
import type {Durability} from './durability.js';
import {type TrailBatch, TrailWriter} from './trail-writer.js';

const log = getLogger('sinks');

/**
 * Receives artifacts as they are decided. `emit` is called synchronously; a
 * sink that returns a promise is not awaited: its rejection is logged as an
 * error (`aigc.sinks`) and cannot change the decision, so a sink that must be
 * able to fail an enforcement in 'raise' mode has to write synchronously.
 */
export interface AuditSink {
  emit(artifact: PyDict): void | PromiseLike<void>;
}

/**
 * A sink that can make several artifacts durable with one write and one sync
 * (`JsonFileAuditSink` with `chain`). `grouped` runs `emitting` with this
 * sink's emissions queued instead of written at once, to be committed with
 * those of other callers at about the same time; `durable` settles once they
 * are on disk. `Aigc`'s asynchronous methods use it in 'log' mode and wait for
 * `durable` before they return.
 */
export interface GroupCommitSink extends AuditSink {
  grouped<T>(emitting: () => T): {result: T; durable: Promise<void>};
}

export type SinkFailureMode = 'log' | 'raise';

export interface JsonFileSinkOptions {
  /**
   * Hash-chain every artifact into the file: continue the chain `chainId`
   * (default: the file's last chain) or start a new one.
   */
  chain?: boolean | {chainId?: string};
  /** With `chain`: when a chained artifact is on disk (default 'batch'; see `Durability`). */
  durability?: Durability;
  /** With `chain`: runs after each batch is in the trail, under its lock (see `TrailWriterOptions.afterBatch`); synchronous, as the sink commits synchronously. */
  afterBatch?: (batch: TrailBatch) => void;
}

/**
 * Appends one JSON line per artifact, in the reference's JSONL format (Python
 * `json.dumps` defaults). Each line is one synchronous write, so concurrent
 * emitters in one process never interleave lines. With `chain`, artifacts are
 * linked after the file's real end under its lock (the lock `aigc enforce
 * --chain` and `aigc chain append` take), so any number of chained sinks and
 * commands, in this process or others, keep one chain. An emission outside
 * `grouped` is written and synced before `emit` returns; inside it (what
 * `Aigc` does in 'log' mode), artifacts emitted at about the same time are
 * committed together.
 */
export class JsonFileAuditSink implements GroupCommitSink {
  readonly #writer: TrailWriter | null;
  readonly #group: GroupCommit | null;
  /** Depth of `grouped` calls running now. */
  #grouping = 0;
  #queued = 0;

  constructor(
    readonly path: string,
    options: JsonFileSinkOptions = {},
  ) {
    this.#writer = options.chain
      ? new TrailWriter(path, {
          chainId: typeof options.chain === 'object' ? options.chain.chainId : undefined,
          format: referenceLine,
          durability: options.durability,
          afterBatch: options.afterBatch,
          onRecovery: (message) => log.warn(message),
        })
      : null;
    // A service's requests come one by one: commit at the next turn of the event loop, with whatever came
    // meanwhile; synchronously, as emissions outside `grouped` write synchronously too.
    this.#group = this.#writer ? new GroupCommit(this.#writer, () => undefined, {maxDelayMs: 0, stopOnFailure: false, synchronous: true}) : null;
  }

  emit(artifact: PyDict): void {
    if (!this.#writer || !this.#group) {
      appendFileSync(this.path, `${referenceLine(artifact)}\n`, 'utf8');
    } else if (this.#grouping > 0) {
      // What can never be chained fails now, where the emission's failure mode handles it.
      assertRecordable(artifact);
      this.#queued++;
      this.#group.add(artifact)?.catch(() => undefined);
    } else {
      this.#writer.commitSync([artifact]);
    }
  }

  grouped<T>(emitting: () => T): {result: T; durable: Promise<void>} {
    if (!this.#group) return {result: emitting(), durable: Promise.resolve()};
    const before = this.#queued;
    this.#grouping++;
    let result: T;
    try {
      result = emitting();
    } finally {
      this.#grouping--;
    }
    return {result, durable: this.#queued === before ? Promise.resolve() : this.#group.durable()};
  }
}

function referenceLine(artifact: PyDict): string {
  return pyJsonDumps(artifact, {ensureAscii: true});
}

/** Calls a function with each artifact. */
export class CallbackAuditSink implements AuditSink {
  constructor(readonly callback: (artifact: PyDict) => unknown) {}

  emit(artifact: PyDict): void | PromiseLike<void> {
    // Whatever it returns, emitToSink looks for a promise in it.
    return this.callback(artifact) as void | PromiseLike<void>;
  }
}

/**
 * Runs `deciding` (an enforcement that emits to `sink`) so that a
 * group-committing sink writes its artifacts with other callers', and resolves
 * once they are durable. Only in 'log' mode: in 'raise' mode a sink failure
 * must be known while deciding, to turn a PASS into a FAIL, so each emission
 * is written at once. A failed group commit is logged as a failed emission is.
 */
export async function decideDurably<T>(sink: AuditSink | null | undefined, mode: SinkFailureMode, deciding: () => T): Promise<T> {
  if (mode !== 'log' || !isGroupCommitSink(sink)) return deciding();
  const {result, durable} = sink.grouped(deciding);
  try {
    await durable;
  } catch (error) {
    log.warn(`Audit sink emit failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return result;
}

function isGroupCommitSink(sink: AuditSink | null | undefined): sink is GroupCommitSink {
  return typeof (sink as Partial<GroupCommitSink> | null | undefined)?.grouped === 'function';
}

/** Emits a copy; a failing sink raises AuditSinkError in 'raise' mode and is logged as a warning (`aigc.sinks`) otherwise. */
export function emitToSink(
  artifact: PyDict,
  sink: AuditSink | null | undefined,
  mode: SinkFailureMode,
  onLog: (message: string) => void = (message) => log.warn(message),
): void {
  if (!sink) return;
  try {
    const pending = sink.emit(deepCopy(artifact));
    if (typeof pending === 'object' && pending !== null && typeof pending.then === 'function') {
      pending.then(undefined, (error: unknown) => {
        log.error(`Audit sink emit failed asynchronously (the decision stands): ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (mode === 'raise') {
      throw new AuditSinkError(`Audit sink emit failed: ${message}`, {original_error: message});
    }
    onLog(`Audit sink emit failed: ${message}`);
  }
}
