// Audit sinks: where artifacts go as they are decided. A sink receives a deep
// copy, so nothing it does changes the artifact returned to the caller.

import {appendFileSync} from 'node:fs';
import {pyJsonDumps} from '../canonical/dumps.js';
import {AuditSinkError} from '../errors.js';
import {getLogger} from '../logging.js';
import {ChainFileWriter} from '../io/chain-file.js';
import {deepCopy, type PyDict} from '../python/values.js';

/**
 * Receives artifacts as they are decided. `emit` is called synchronously; a
 * sink that returns a promise is not awaited: its rejection is logged as an
 * error (`aigc.sinks`) and cannot change the decision, so a sink that must be
 * able to fail an enforcement in 'raise' mode has to write synchronously.
 */
export interface AuditSink {
  emit(artifact: PyDict): void | PromiseLike<void>;
}

export type SinkFailureMode = 'log' | 'raise';

export interface JsonFileSinkOptions {
  /**
   * Hash-chain every artifact into the file: continue the chain `chainId`
   * (default: the file's last chain) or start a new one.
   */
  chain?: boolean | {chainId?: string};
}

/**
 * Appends one JSON line per artifact, in the reference's JSONL format (Python
 * `json.dumps` defaults). Each line is one synchronous write, so concurrent
 * emitters in one process never interleave lines. With `chain`, each artifact
 * is linked after whatever the file ends with at that moment, so several
 * chained sinks on one file in one process keep one chain; writers in other
 * processes on the same file need `aigc chain append` (which locks).
 */
export class JsonFileAuditSink implements AuditSink {
  readonly #chain: ChainFileWriter | null;

  constructor(
    readonly path: string,
    options: JsonFileSinkOptions = {},
  ) {
    this.#chain = options.chain
      ? new ChainFileWriter(path, {
          chainId: typeof options.chain === 'object' ? options.chain.chainId : undefined,
          format: referenceLine,
          durable: false,
        })
      : null;
  }

  emit(artifact: PyDict): void {
    if (this.#chain) this.#chain.appendUnlocked(artifact);
    else appendFileSync(this.path, `${referenceLine(artifact)}\n`, 'utf8');
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

const log = getLogger('sinks');


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
