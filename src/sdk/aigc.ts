// `Aigc`: an enforcement engine configured once (sink, signer, custom gates,
// redaction, loader, risk override, strict mode, clock) with its own policy
// cache. Options are frozen at construction.

import type {AuditSink, SinkFailureMode} from '../audit/sinks.js';
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

  /** Unified enforcement; resolves to the PASS artifact, rejects with the error (artifact attached) on FAIL. */
  async enforce(invocation: Invocation | PyValue): Promise<AuditArtifact> {
    return this.enforceSync(invocation);
  }

  enforceSync(invocation: Invocation | PyValue): AuditArtifact {
    return settle(decide(invocation, this.#engine));
  }

  /** Phase A of split enforcement: resolves to a one-time token for `enforcePostCall`. */
  async enforcePreCall(invocation: Invocation | PyValue): Promise<PreCallResult> {
    return this.enforcePreCallSync(invocation);
  }

  enforcePreCallSync(invocation: Invocation | PyValue): PreCallResult {
    const outcome = decidePreCall(invocation, this.#engine);
    if ('token' in outcome) return outcome.token;
    throw outcome.error;
  }

  /** Phase B: the output checked with the token's frozen evidence (custom gates come from the token). */
  async enforcePostCall(token: PreCallResult, output: PyValue): Promise<AuditArtifact> {
    return this.enforcePostCallSync(token, output);
  }

  enforcePostCallSync(token: PreCallResult, output: PyValue): AuditArtifact {
    return settle(decidePostCall(token, output, {...this.#engine, customGates: []}));
  }
}

function settle(decision: Decision): AuditArtifact {
  if (decision.error) throw decision.error;
  return decision.artifact;
}
