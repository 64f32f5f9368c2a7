// Audit sinks: where artifacts go as they are decided. A sink receives a deep
// copy, so nothing it does changes the artifact returned to the caller.

import {appendFileSync} from 'node:fs';
import {pyJsonDumps} from '../canonical/dumps.js';
import {AuditSinkError} from '../errors.js';
import {deepCopy, type PyDict} from '../python/values.js';

export interface AuditSink {
  emit(artifact: PyDict): void;
}

export type SinkFailureMode = 'log' | 'raise';

/** Appends one JSON line per artifact, in the reference's JSONL format (Python `json.dumps` defaults). */
export class JsonFileAuditSink implements AuditSink {
  constructor(readonly path: string) {}

  emit(artifact: PyDict): void {
    appendFileSync(this.path, `${pyJsonDumps(artifact, {ensureAscii: true})}\n`, 'utf8');
  }
}

/** Calls a function with each artifact. */
export class CallbackAuditSink implements AuditSink {
  constructor(readonly callback: (artifact: PyDict) => void) {}

  emit(artifact: PyDict): void {
    this.callback(artifact);
  }
}

/** Emits a copy; a failing sink raises AuditSinkError in 'raise' mode and is reported otherwise. */
export function emitToSink(
  artifact: PyDict,
  sink: AuditSink | null | undefined,
  mode: SinkFailureMode,
  onLog: (message: string) => void = () => {},
): void {
  if (!sink) return;
  try {
    sink.emit(deepCopy(artifact));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (mode === 'raise') {
      throw new AuditSinkError(`Audit sink emit failed: ${message}`, {original_error: message});
    }
    onLog(`Audit sink emit failed: ${message}`);
  }
}
