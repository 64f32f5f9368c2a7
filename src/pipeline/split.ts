// Split enforcement: Phase A before the model call (`enforcePreCall`) issues
// a one-time token; Phase B after it (`enforcePostCall`) accepts the token
// only if it is authentic, untampered and unused, and reads everything it
// needs from the token's HMAC-protected evidence.

import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import {canonicalJson, parseJson} from '../canonical/index.js';
import {DEFAULT_REDACTION_PATTERNS, type RedactionPattern, redact} from '../audit/redaction.js';
import {emitToSink} from '../audit/sinks.js';
import {InvocationValidationError} from '../errors.js';
import {type GroupedGates, groupGates, type InsertionPoint} from '../gates/custom.js';
import {traced} from '../telemetry.js';
import {deepCopy, isDict, type PyDict, type PyValue, pyTypeName} from '../python/values.js';
import type {AuditArtifact, Invocation} from '../types/generated/index.js';
import {contextProvenance, generateAuditArtifact} from './artifact.js';
import {
  asAigcError,
  type Decision,
  type EnforceOptions,
  failDecision,
  finishFail,
  loadPolicyForEnforcement,
  passDecision,
  pipelineFailArtifact,
  prePipelineFailArtifact,
  recordable,
  runPhaseA,
  runPhaseB,
  spanIdentity,
  spanOutcome,
} from './enforce.js';
import {jsonSerializationProblem, validateInvocationCore} from './invocation.js';
import {systemClock} from './clock.js';

const SNAPSHOT_KEYS = ['policy_file', 'model_provider', 'model_identifier', 'role', 'input', 'context'] as const;
const PHASE_B_POINTS: InsertionPoint[] = ['pre_output', 'post_output'];

/** Per-process secret: tokens are valid only in the process that issued them. */
const TOKEN_KEY = randomBytes(32);
/** HMACs of consumed tokens: a token, or any clone of it, is accepted once. */
const consumedTokens = new Set<string>();

interface TokenState {
  evidence: string;
  mac: Buffer;
  phaseBGates: GroupedGates;
  consumed: boolean;
}

const tokenStates = new WeakMap<PreCallResult, TokenState>();

/** The result of a passed Phase A: public evidence plus the private one-time token. */
export class PreCallResult {
  private constructor(
    readonly effectivePolicy: PyDict,
    readonly resolvedGuards: readonly PyValue[],
    readonly resolvedConditions: PyDict,
    readonly phaseAMetadata: PyDict,
    readonly invocationSnapshot: PyDict,
  ) {}

  get policyFile(): string {
    return this.invocationSnapshot.policy_file as string;
  }

  get modelProvider(): string {
    return this.invocationSnapshot.model_provider as string;
  }

  get modelIdentifier(): string {
    return this.invocationSnapshot.model_identifier as string;
  }

  get role(): string {
    return this.invocationSnapshot.role as string;
  }

  /** @internal issues a token; only enforcePreCall calls this. */
  static issue(evidence: PyDict, phaseBGates: GroupedGates): PreCallResult {
    const text = canonicalJson(evidence);
    const frozen = parseJson(text) as PyDict;
    const result = new PreCallResult(
      frozen.effective_policy as PyDict,
      Object.freeze([...(frozen.guards_evaluated_engine as PyValue[])]),
      frozen.conditions_resolved as PyDict,
      frozen.phase_a_metadata as PyDict,
      frozen.invocation_snapshot as PyDict,
    );
    Object.freeze(result);
    tokenStates.set(result, {evidence: text, mac: mac(text), phaseBGates, consumed: false});
    return result;
  }
}

function mac(text: string): Buffer {
  return createHmac('sha256', TOKEN_KEY).update(text, 'utf8').digest();
}

function fingerprint(gates: GroupedGates): PyDict {
  const out: PyDict = {};
  for (const point of Object.keys(gates) as InsertionPoint[]) {
    out[point] = gates[point].map((gate) => ({name: gate.name, insertion_point: gate.insertionPoint}));
  }
  return out;
}

function resolved(options: EnforceOptions): {now: () => number; patterns: readonly RedactionPattern[]} {
  return {
    now: options.now ?? systemClock,
    patterns: options.redactionPatterns ?? DEFAULT_REDACTION_PATTERNS,
  };
}

/** Phase A. Returns the token, or throws the error with its FAIL artifact attached. */
export function enforcePreCall(invocation: Invocation | PyValue, options: EnforceOptions = {}): PreCallResult {
  const outcome = decidePreCall(invocation, options);
  if ('error' in outcome) throw outcome.error;
  return outcome.token;
}

export function decidePreCall(invocation: Invocation | PyValue, options: EnforceOptions = {}): {token: PreCallResult} | Decision {
  return recordable(options, 'split_pre_call_only', () => decideSplitPreCall(invocation, options));
}

function decideSplitPreCall(invocation: PyValue, options: EnforceOptions): {token: PreCallResult} | Decision {
  const clock = resolved(options);
  let policy: PyDict;
  let valid: PyDict;
  try {
    validateInvocationCore(invocation);
    valid = invocation;
    policy = loadPolicyForEnforcement(valid, options, clock.now);
  } catch (error) {
    const failure = asAigcError(error);
    return finishFail(failure, prePipelineFailArtifact(invocation, failure, clock, 'split_pre_call_only'), options);
  }
  return traced(
    options.trace !== false,
    'aigc.enforce_pre_call',
    () => spanIdentity(valid, 'split'),
    () => runSplitPhaseA(policy, valid, options, clock),
    (outcome) =>
      'token' in outcome
        ? {result: 'PASS_PHASE_A', gates: (outcome.token.phaseAMetadata.gates_evaluated ?? []) as PyValue[], riskScore: null, mode: 'split', policyFile: valid.policy_file, role: valid.role}
        : spanOutcome(outcome, 'pre_call_gates_evaluated', 'split'),
  );
}

function runSplitPhaseA(
  policy: PyDict,
  valid: PyDict,
  options: EnforceOptions,
  clock: {now: () => number; patterns: readonly RedactionPattern[]},
): {token: PreCallResult} | Decision {
  const gates = groupGates(options.customGates ?? []);
  const preCallTimestamp = Math.trunc(clock.now());
  const nonce = randomBytes(16).toString('hex');
  const gatesEvaluated: string[] = [];
  const customMetadata: Record<string, unknown> = {};
  let phaseA: ReturnType<typeof runPhaseA>;
  try {
    phaseA = runPhaseA(policy, valid, gates, gatesEvaluated, customMetadata);
  } catch (error) {
    const failure = asAigcError(error);
    const artifact = pipelineFailArtifact(policy, {...valid, output: {}}, failure, clock, (redacted) => ({
      enforcement_mode: 'split_pre_call_only',
      pre_call_gates_evaluated: [...gatesEvaluated],
      redacted_fields: redacted,
    }));
    return finishFail(failure, artifact, options);
  }
  const snapshot: PyDict = {};
  for (const key of SNAPSHOT_KEYS) snapshot[key] = deepCopy(valid[key]);
  const phaseBGates: GroupedGates = {pre_authorization: [], post_authorization: [], pre_output: gates.pre_output, post_output: gates.post_output};
  const evidence: PyDict = {
    conditions_resolved: phaseA.conditionsResolved,
    effective_policy: phaseA.effectivePolicy,
    gate_fingerprint: fingerprint(gates),
    guards_evaluated_engine: phaseA.guardsEvaluated,
    invocation_snapshot: snapshot,
    phase_a_metadata: {
      gates_evaluated: [...gatesEvaluated],
      pre_call_timestamp: preCallTimestamp,
      preconditions_satisfied: phaseA.preconditionsSatisfied,
      tool_constraints: phaseA.toolConstraints,
      all_custom_metadata: customMetadata as PyDict,
    },
    token_nonce: nonce,
  };
  try {
    return {token: PreCallResult.issue(evidence, phaseBGates)};
  } catch (error) {
    const failure = new InvocationValidationError(
      `Policy contains non-JSON-serializable values; cannot freeze token: ${(error as Error).message}`,
      {field: 'effective_policy'},
    );
    return finishFail(failure, prePipelineFailArtifact(valid, failure, clock, 'split_pre_call_only'), options);
  }
}

/** Phase B. Returns the PASS artifact, or throws the error with its FAIL artifact attached. */
export function enforcePostCall(token: unknown, output: PyValue, options: EnforceOptions = {}): AuditArtifact {
  const decision = decidePostCall(token, output, options);
  if (decision.error) throw decision.error;
  return decision.artifact;
}

export function decidePostCall(token: unknown, output: PyValue, options: EnforceOptions = {}): Decision {
  return recordable(options, 'split', () => decideSplitPostCall(token, output, options));
}

function decideSplitPostCall(token: unknown, output: PyValue, options: EnforceOptions): Decision {
  const clock = resolved(options);
  const reject = (message: string, details: PyDict, snapshot: PyDict | null): Decision => {
    const failure = new InvocationValidationError(message, details);
    const identity = snapshot ? {...snapshot, output: {}} : null;
    return finishFail(failure, prePipelineFailArtifact(identity, failure, clock, 'split'), options);
  };
  if (!(token instanceof PreCallResult)) {
    return reject(
      'enforce_post_call() requires a PreCallResult from enforce_pre_call()',
      {received_type: pyTypeName(token)},
      null,
    );
  }
  const state = tokenStates.get(token);
  if (!state) {
    return reject(
      'PreCallResult was not issued by enforce_pre_call(); directly-constructed tokens are rejected',
      {field: 'pre_call_result'},
      null,
    );
  }
  const expected = mac(state.evidence);
  if (expected.length !== state.mac.length || !timingSafeEqual(expected, state.mac)) {
    return reject('PreCallResult token integrity check failed; token may be forged or corrupted', {field: 'pre_call_result'}, null);
  }
  let evidence: PyDict;
  try {
    const parsed = parseJson(state.evidence);
    if (!isDict(parsed)) throw new TypeError('evidence is not a mapping');
    evidence = parsed;
  } catch {
    return reject('PreCallResult contains invalid internal token state; token may be corrupted or forged', {field: '_frozen_evidence_bytes'}, null);
  }
  const snapshot = evidence.invocation_snapshot as PyDict;
  if (canonicalJson(fingerprint(state.phaseBGates)) !== canonicalJson(phaseBFingerprint(evidence))) {
    return reject('Phase B gate manifest was tampered; gate fingerprint does not match signed evidence', {field: '_phase_b_grouped_gates'}, snapshot);
  }
  const macHex = state.mac.toString('hex');
  if (consumedTokens.has(macHex)) {
    return reject('Token replay attempt detected; this token or a clone of it has already been consumed', {field: 'pre_call_result'}, snapshot);
  }
  if (!isDict(output)) return reject('enforce_post_call() output must be a dict', {field: 'output'}, snapshot);
  const problem = jsonSerializationProblem(output, true);
  if (problem) return reject(`enforce_post_call() output is not JSON-serializable: ${problem}`, {field: 'output'}, snapshot);
  if (state.consumed) {
    return reject('PreCallResult has already been consumed; create a new one via enforce_pre_call()', {field: 'pre_call_result'}, snapshot);
  }
  consumedTokens.add(macHex);
  state.consumed = true;
  return traced(
    options.trace !== false,
    'aigc.enforce_post_call',
    () => spanIdentity(snapshot, 'split'),
    () => runSplitPhaseB(evidence, snapshot, output, state.phaseBGates, options, clock),
    (decision) => spanOutcome(decision, 'post_call_gates_evaluated', 'split'),
  );
}

/** The evidence's fingerprint restricted to the Phase B insertion points the token carries. */
function phaseBFingerprint(evidence: PyDict): PyDict {
  const recorded = isDict(evidence.gate_fingerprint) ? evidence.gate_fingerprint : {};
  const out: PyDict = {pre_authorization: [], post_authorization: []};
  for (const point of PHASE_B_POINTS) out[point] = recorded[point] ?? [];
  return out;
}

function runSplitPhaseB(
  evidence: PyDict,
  snapshot: PyDict,
  output: PyDict,
  gates: GroupedGates,
  options: EnforceOptions,
  clock: {now: () => number; patterns: readonly RedactionPattern[]},
): Decision {
  const policy = evidence.effective_policy as PyDict;
  const phaseA = evidence.phase_a_metadata as PyDict;
  const invocation: PyDict = {...snapshot, output};
  const phaseBGates: string[] = [];
  const customMetadata: Record<string, unknown> = {...(phaseA.all_custom_metadata as PyDict)};
  const splitMetadata = (): PyDict => ({
    enforcement_mode: 'split',
    pre_call_gates_evaluated: phaseA.gates_evaluated,
    post_call_gates_evaluated: [...phaseBGates],
    pre_call_timestamp: phaseA.pre_call_timestamp,
    post_call_timestamp: Math.trunc(clock.now()),
  });
  try {
    const outcome = runPhaseB(policy, policy, invocation, gates, phaseBGates, customMetadata, options);
    const metadata: PyDict = {
      preconditions_satisfied: phaseA.preconditions_satisfied,
      postconditions_satisfied: outcome.postconditionsSatisfied,
      schema_validation: outcome.schemaValidation,
      guards_evaluated: evidence.guards_evaluated_engine,
      conditions_resolved: evidence.conditions_resolved,
      tool_constraints: phaseA.tool_constraints,
      ...splitMetadata(),
    };
    return passDecision(invocation, policy, metadata, outcome, customMetadata, clock.now, options);
  } catch (error) {
    const failure = asAigcError(error);
    const artifact = pipelineFailArtifact(policy, invocation, failure, clock, (redacted) => ({
      ...splitMetadata(),
      redacted_fields: redacted,
    }));
    return failDecision(failure, artifact, options);
  }
}

/**
 * The FAIL artifact for a governed function that threw after Phase A passed
 * (`wrapped_function_error`), built from the token's frozen evidence. The
 * token stays unused.
 */
export function wrappedFunctionFailure(token: PreCallResult, error: unknown, options: EnforceOptions = {}): AuditArtifact {
  const state = tokenStates.get(token);
  if (!state) throw new TypeError('not a token issued by enforcePreCall');
  const evidence = parseJson(state.evidence) as PyDict;
  const snapshot = evidence.invocation_snapshot as PyDict;
  const phaseA = evidence.phase_a_metadata as PyDict;
  const type = error instanceof Error ? error.constructor.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const {text} = redact(`${type}: ${message}`, DEFAULT_REDACTION_PATTERNS);
  const invocation: PyDict = {...snapshot, output: {}};
  const artifact = generateAuditArtifact({
    invocation,
    policy: evidence.effective_policy as PyDict,
    enforcementResult: 'FAIL',
    failures: [{code: type, message: text, field: null}],
    failureGate: 'wrapped_function_error',
    failureReason: text,
    metadata: {enforcement_mode: 'split', pre_call_gates_evaluated: phaseA.gates_evaluated},
    timestamp: resolved(options).now(),
    provenance: contextProvenance(invocation),
  });
  try {
    emitToSink(artifact, options.sink, options.onSinkFailure ?? 'log');
  } catch {
    // The wrapped function's own error is what the caller sees.
  }
  return artifact;
}
