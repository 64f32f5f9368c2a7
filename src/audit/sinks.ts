// Audit sinks: where artifacts go as they are decided. A sink receives a deep
// copy, so nothing it does changes the artifact returned to the caller.

import {appendFileSync, existsSync, readFileSync} from 'node:fs';
import {pyJsonDumps} from '../canonical/dumps.js';
import {parseJson} from '../canonical/json.js';
import {AuditSinkError} from '../errors.js';
import {getLogger} from '../logging.js';
import {deepCopy, isDict, type PyDict} from '../python/values.js';
import {AuditChain, linkChecksum} from './chain.js';

export interface AuditSink {
  emit(artifact: PyDict): void;
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
 * emitters in one process never interleave lines.
 */
export class JsonFileAuditSink implements AuditSink {
  readonly #chain: AuditChain | null;

  constructor(
    readonly path: string,
    options: JsonFileSinkOptions = {},
  ) {
    this.#chain = options.chain ? continueChain(path, typeof options.chain === 'object' ? options.chain.chainId : undefined) : null;
  }

  emit(artifact: PyDict): void {
    if (this.#chain) this.#chain.append(artifact);
    appendFileSync(this.path, `${pyJsonDumps(artifact, {ensureAscii: true})}\n`, 'utf8');
  }
}

/** The chain to continue at the end of `path` (its last link for `chainId`, or the file's last chain). */
function continueChain(path: string, chainId: string | undefined): AuditChain {
  if (!existsSync(path)) return new AuditChain(chainId);
  const links = new Map<string, {length: number; lastChecksum: string}>();
  let lastId: string | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const artifact = parseJson(line);
    if (!isDict(artifact) || typeof artifact.chain_id !== 'string' || typeof artifact.chain_index !== 'number') continue;
    links.set(artifact.chain_id, {length: artifact.chain_index + 1, lastChecksum: linkChecksum(artifact)});
    lastId = artifact.chain_id;
  }
  const id = chainId ?? lastId;
  return new AuditChain(id, id !== undefined ? links.get(id) : undefined);
}

/** Calls a function with each artifact. */
export class CallbackAuditSink implements AuditSink {
  constructor(readonly callback: (artifact: PyDict) => void) {}

  emit(artifact: PyDict): void {
    this.callback(artifact);
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
    sink.emit(deepCopy(artifact));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (mode === 'raise') {
      throw new AuditSinkError(`Audit sink emit failed: ${message}`, {original_error: message});
    }
    onLog(`Audit sink emit failed: ${message}`);
  }
}
