// `Aigc`: an enforcement engine configured once (sink, signer, custom gates,
// redaction, loader, risk override, strict mode, clock) with its own policy
// cache. Options are frozen at construction.

import {type AuditSink, decideDurably, type SinkFailureMode} from '../audit/sinks.js';
import type {ArtifactSigner} from '../audit/signing.js';
import type {RedactionPattern} from '../audit/redaction.js';
import {type EnforcementGate, groupGates} from '../gates/custom.js';
import {getLogger} from '../logging.js';
import {PolicyCache} from '../policy/cache.js';
import type {PolicyLoader} from '../policy/loader.js';
import {type Decision, decide, type EnforceOptions} from '../pipeline/enforce.js';
import {decidePostCall, decidePreCall, type PreCallResult} from '../pipeline/split.js';
import {deepCopy, type PyDict, type PyValue} from '../python/values.js';
import type {AuditArtifact, Invocation} from '../types/generated/index.js';

export interface AigcOptions {
  /** Receives a copy of every artifact. */
  sink?: AuditSink | null;
  /** 'log' (default): a failing sink is logged; 'raise': a PASS becomes a sink_emission FAIL. */
  onSinkFailure?: SinkFailureMode;
  /** Refuse policies without typed preconditions (otherwise each issue is logged as a warning). */
  strictMode?: boolean;
  /** Replaces the default redaction patterns (an empty list turns redaction off). */
  redactionPatterns?: readonly RedactionPattern[];
  signer?: ArtifactSigner | null;
  customGates?: readonly EnforcementGate[];
  /** Loads top-level policies from elsewhere than files (bases still load from files). */
  policyLoader?: PolicyLoader;
  /** Overrides the policy's `risk` block when non-empty. */
  riskConfig?: PyDict | null;
  /** Epoch seconds for artifact timestamps and date checks (default: the real clock). */
  clock?: () => number;
  /** Directory relative policy paths resolve against (default: the process's cwd). */
  cwd?: string;
  /** Refuse policy files outside this directory. */
  policyRoot?: string;
}

const log = getLogger('enforcement');

export class Aigc {
  readonly options: Readonly<AigcOptions>;
  readonly policyCache = new PolicyCache(128);
  readonly #engine: EnforceOptions;

  constructor(options: AigcOptions = {}) {
    const onSinkFailure = options.onSinkFailure ?? 'log';
    if (onSinkFailure !== 'log' && onSinkFailure !== 'raise') {
      throw new RangeError(`on_sink_failure must be 'raise' or 'log', got '${String(onSinkFailure)}'`);
    }
    groupGates(options.customGates ?? []);
    // Frozen, and copied where a caller could still change what it passed.
    this.options = Object.freeze({
      ...options,
      onSinkFailure,
      customGates: Object.freeze([...(options.customGates ?? [])]),
      ...(options.redactionPatterns ? {redactionPatterns: Object.freeze([...options.redactionPatterns])} : {}),
      ...(options.riskConfig ? {riskConfig: deepCopy(options.riskConfig)} : {}),
    });
    this.#engine = Object.freeze({
      now: options.clock,
      cwd: options.cwd,
      policyRoot: options.policyRoot,
      cache: this.policyCache,
      loader: options.policyLoader,
      signer: options.signer ?? null,
      redactionPatterns: this.options.redactionPatterns,
      customGates: this.options.customGates,
      riskConfig: this.options.riskConfig ?? null,
      strictMode: options.strictMode ?? false,
      sink: options.sink ?? null,
      onSinkFailure,
      onWarning: (message: string) => log.warn(message),
    });
  }

  get sink(): AuditSink | null {
    return this.options.sink ?? null;
  }

  get strictMode(): boolean {
    return this.options.strictMode ?? false;
  }

  get signer(): ArtifactSigner | null {
    return this.options.signer ?? null;
  }

  /**
   * Unified enforcement; resolves to the PASS artifact, rejects with the error
   * (artifact attached) on FAIL. Resolves once the sink has the artifact: a
   * chained file sink commits it with other calls' (group commit) and is
   * waited for.
   */
  async enforce(invocation: Invocation | PyValue): Promise<AuditArtifact> {
    return settle(await this.#durably(() => decide(invocation, this.#engine)));
  }

  /** As `enforce`; a chained file sink writes and syncs the artifact before it returns. */
  enforceSync(invocation: Invocation | PyValue): AuditArtifact {
    return settle(decide(invocation, this.#engine));
  }

  /** Phase A of split enforcement: resolves to a one-time token for `enforcePostCall`. */
  async enforcePreCall(invocation: Invocation | PyValue): Promise<PreCallResult> {
    return tokenOf(await this.#durably(() => decidePreCall(invocation, this.#engine)));
  }

  enforcePreCallSync(invocation: Invocation | PyValue): PreCallResult {
    return tokenOf(decidePreCall(invocation, this.#engine));
  }

  /** Phase B: the output checked with the token's frozen evidence (custom gates come from the token). */
  async enforcePostCall(token: PreCallResult, output: PyValue): Promise<AuditArtifact> {
    return settle(await this.#durably(() => decidePostCall(token, output, {...this.#engine, customGates: []})));
  }

  enforcePostCallSync(token: PreCallResult, output: PyValue): AuditArtifact {
    return settle(decidePostCall(token, output, {...this.#engine, customGates: []}));
  }

  #durably<T>(deciding: () => T): Promise<T> {
    return decideDurably(this.options.sink, this.options.onSinkFailure ?? 'log', deciding);
  }
}

function settle(decision: Decision): AuditArtifact {
  if (decision.error) throw decision.error;
  return decision.artifact;
}

function tokenOf(outcome: ReturnType<typeof decidePreCall>): PreCallResult {
  if ('token' in outcome) return outcome.token;
  throw outcome.error;
}
