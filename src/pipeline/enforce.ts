// Unified enforcement: invocation checks, policy load, Phase A
// (authorization gates) and Phase B (output gates, risk), then one audit
// artifact for every outcome, PASS or FAIL.

import {CanonicalJsonError} from '../canonical/canonical.js';
import type {EnforcementObserver} from '../enforcement-observer.js';
import {AigcError, InvocationValidationError, PolicyValidationError} from '../errors.js';
import type {AuditSink} from '../audit/sinks.js';
import {emitToSink, type SinkFailureMode} from '../audit/sinks.js';
import {type ArtifactSigner, signArtifact} from '../audit/signing.js';
import {DEFAULT_REDACTION_PATTERNS, type RedactionPattern, redact} from '../audit/redaction.js';
import {type EnforcementGate, type GroupedGates, groupGates, runGatesAt} from '../gates/custom.js';
import {hasOutputSchema, validateOutputSchema} from '../gates/output-schema.js';
import {validatePostconditions} from '../gates/postconditions.js';
import {validatePreconditions} from '../gates/preconditions.js';
import {computeRiskScore, enforceRiskThreshold, riskScoreDict} from '../gates/risk.js';
import {validateRole} from '../gates/role.js';
import {validateToolConstraints} from '../gates/tools.js';
import {evaluateGuards} from '../guards/index.js';
import {getLogger} from '../logging.js';
import {riskScoreOf, type SpanOutcome, traced} from '../telemetry.js';
import type {PolicyCache} from '../policy/cache.js';
import {type CalendarDay, utcDay} from '../policy/dates.js';
import {loadPolicy, type PolicyLoader} from '../policy/loader.js';
import {formatFixed} from '../python/format.js';
import {pyTruthy, sortedStrings} from '../python/semantics.js';
import {dictGet, isDict, type PyDict, type PyValue} from '../python/values.js';
import type {AuditArtifact, Invocation} from '../types/generated/index.js';
import {contextProvenance, type FailureEntry, generateAuditArtifact} from './artifact.js';
import {failureGateOf} from './classify.js';
import {checkChecksumNesting, jsonSerializationProblem, validateInvocation} from './invocation.js';
import {strictModeIssues} from './strict.js';
import {systemClock} from './clock.js';

const log = getLogger('enforcement');

export type EnforcementMode = 'unified' | 'split' | 'split_pre_call_only';

export interface EnforceOptions {
  /** Clock in epoch seconds, for artifact timestamps (default: the real clock). */
  now?: () => number;
  /** Calendar day for policy date checks (default: the UTC day of `now`). */
  today?: () => CalendarDay;
  /** Directory relative policy paths resolve against. */
  cwd?: string;
  policyRoot?: string;
  /** Policy cache (default: none, every call loads afresh like the reference's module functions). */
  cache?: PolicyCache | null;
  loader?: PolicyLoader;
  signer?: ArtifactSigner | null;
  /** Also sign pre-pipeline FAIL artifacts (the CLI signs everything it emits). */
  signPrePipeline?: boolean;
  redactionPatterns?: readonly RedactionPattern[];
  customGates?: readonly EnforcementGate[];
  /** Overrides the policy's `risk` block when truthy. */
  riskConfig?: PyDict | null;
  strictMode?: boolean;
  /** Called with strict-mode issues when `strictMode` is off. */
  onWarning?: (message: string) => void;
  sink?: AuditSink | null;
  onSinkFailure?: SinkFailureMode;
  /** Record OpenTelemetry spans when `@opentelemetry/api` is installed (default true). */
  trace?: boolean;
  /**
   * Told every policy element evaluated, with its outcome (see
   * EnforcementObserver); the decision is the same with or without one. A
   * shared `cache` tells it only the loads it did not answer from memory.
   */
  observer?: EnforcementObserver | null;
}

/** The decision for one invocation: its artifact, and the error when it failed. */
export interface Decision {
  artifact: AuditArtifact;
  error: AigcError | null;
}

interface Resolved {
  now: () => number;
  patterns: readonly RedactionPattern[];
  gates: GroupedGates;
}

function resolveOptions(options: EnforceOptions): Resolved {
  return {
    now: options.now ?? systemClock,
    patterns: options.redactionPatterns ?? DEFAULT_REDACTION_PATTERNS,
    gates: groupGates(options.customGates ?? []),
  };
}

/**
 * Enforces one invocation; returns the PASS artifact or throws the error with
 * `auditArtifact` set. Any value is taken: one that is not a valid
 * `Invocation` gets a FAIL artifact at `invocation_validation`.
 */
export function enforceInvocation(invocation: Invocation | PyValue, options: EnforceOptions = {}): AuditArtifact {
  const decision = decide(invocation, options);
  if (decision.error) throw decision.error;
  return decision.artifact;
}

/** Enforces one invocation and reports the decision without throwing governance errors. */
export function decide(invocation: Invocation | PyValue, options: EnforceOptions = {}): Decision {
  return recordable(options, 'unified', () => decideUnified(invocation, options));
}

function decideUnified(invocation: PyValue, options: EnforceOptions): Decision {
  const resolved = resolveOptions(options);
  let policy: PyDict;
  let valid: PyDict;
  try {
    validateInvocation(invocation);
    checkChecksumNesting(invocation);
    valid = invocation;
    policy = loadPolicyForEnforcement(valid, options, resolved.now);
  } catch (error) {
    const failure = asAigcError(error);
    const artifact = prePipelineFailArtifact(invocation, failure, resolved, 'unified');
    if (options.signPrePipeline && options.signer) signArtifact(artifact, options.signer);
    return finishFail(failure, artifact, options);
  }
  return traced(
    options.trace !== false,
    'aigc.enforce_invocation',
    () => spanIdentity(valid),
    () => runPipeline(policy, valid, options, resolved),
    (decision) => spanOutcome(decision, 'gates_evaluated', 'unified'),
  );
}

/**
 * Runs `decideIt`, answering with `unrecordableDecision` when its artifact has
 * no canonical bytes to sort, sign or chain.
 */
export function recordable<T extends Decision | {token: unknown}>(options: EnforceOptions, mode: EnforcementMode, decideIt: () => T): T | Decision {
  try {
    return decideIt();
  } catch (error) {
    if (error instanceof CanonicalJsonError) return unrecordableDecision(error, options, mode);
    throw error;
  }
}

/**
 * The FAIL decision for an invocation whose artifact cannot be recorded: text
 * with lone surrogates (in `role`, a tool name, or the context of a signed
 * artifact) has no UTF-8 bytes, so the artifact could be neither sorted,
 * signed nor chained, and the reference crashes there. The artifact carries
 * the placeholders of an unreadable invocation, so it can be.
 */
export function unrecordableDecision(error: CanonicalJsonError, options: EnforceOptions, mode: EnforcementMode): Decision {
  const failure = new InvocationValidationError(`Invocation cannot be recorded: ${error.message}`, {});
  const artifact = prePipelineFailArtifact(null, failure, resolveOptions(options), mode);
  if (options.signer) signArtifact(artifact, options.signer);
  return finishFail(failure, artifact, options);
}

/** The identity attributes of an enforcement span. */
export function spanIdentity(invocation: PyDict, mode?: 'split'): Record<string, string> {
  const identity = {'aigc.policy_file': String(invocation.policy_file ?? ''), 'aigc.role': String(invocation.role ?? '')};
  return mode ? {...identity, 'aigc.enforcement_mode': mode} : identity;
}

/** What a decision tells its span; `gatesKey` names the metadata list of the gates it ran. */
export function spanOutcome(decision: Decision, gatesKey: string, mode: string): SpanOutcome {
  const {artifact} = decision;
  const gates = (artifact.metadata as PyDict | undefined)?.[gatesKey];
  return {
    result: decision.error ? 'FAIL' : 'PASS',
    gates: Array.isArray(gates) ? gates : [],
    riskScore: riskScoreOf(artifact),
    mode,
    policyFile: artifact.policy_file,
    role: artifact.role,
  };
}

/** The invocation's policy, loaded (cached when asked) and, in strict mode, checked. */
export function loadPolicyForEnforcement(invocation: PyDict, options: EnforceOptions, now: () => number): PyDict {
  const policy = loadPolicy(invocation.policy_file as string, {
    cwd: options.cwd,
    policyRoot: options.policyRoot,
    cache: options.cache,
    loader: options.loader,
    today: options.today ?? (() => utcDay(now())),
    observer: options.observer,
  });
  checkStrictMode(policy, options);
  return policy;
}

function checkStrictMode(policy: PyDict, options: EnforceOptions): void {
  if (options.strictMode === undefined) return;
  const issues = strictModeIssues(policy);
  if (issues.length === 0) return;
  if (options.strictMode) throw new PolicyValidationError('Strict mode policy validation failed', {issues}, {reason: 'strict-mode'});
  for (const issue of issues) options.onWarning?.(issue);
}

/** Turns anything thrown into an AigcError: unexpected errors from malformed policies fail closed. */
export function asAigcError(error: unknown): AigcError {
  if (error instanceof AigcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PolicyValidationError(`Policy cannot be enforced: ${message}`, {error: message}, {reason: 'not-enforceable'});
}

function runPipeline(policy: PyDict, invocation: PyDict, options: EnforceOptions, resolved: Resolved): Decision {
  const observer = options.observer ?? null;
  observer?.enforcing(policy);
  const phaseAGates: string[] = [];
  const customMetadata: Record<string, unknown> = {};
  let phaseA: PhaseAResult;
  try {
    phaseA = runPhaseA(policy, invocation, resolved.gates, phaseAGates, customMetadata, observer);
  } catch (error) {
    const failure = asAigcError(error);
    const artifact = pipelineFailArtifact(policy, invocation, failure, resolved, (redacted) => ({
      gates_evaluated: [...phaseAGates],
      redacted_fields: redacted,
      enforcement_mode: 'unified',
    }));
    return failDecision(failure, artifact, options);
  }
  const phaseBGates: string[] = [];
  try {
    const outcome = runPhaseB(phaseA.effectivePolicy, policy, invocation, resolved.gates, phaseBGates, customMetadata, options, observer);
    const metadata: PyDict = {
      preconditions_satisfied: phaseA.preconditionsSatisfied,
      postconditions_satisfied: outcome.postconditionsSatisfied,
      schema_validation: outcome.schemaValidation,
      guards_evaluated: phaseA.guardsEvaluated,
      conditions_resolved: phaseA.conditionsResolved,
      tool_constraints: phaseA.toolConstraints,
      gates_evaluated: [...phaseAGates, ...phaseBGates],
      enforcement_mode: 'unified',
    };
    return passDecision(invocation, policy, metadata, outcome, customMetadata, resolved.now, options);
  } catch (error) {
    const failure = asAigcError(error);
    const artifact = pipelineFailArtifact(policy, invocation, failure, resolved, (redacted) => ({
      gates_evaluated: [...phaseAGates, ...phaseBGates],
      redacted_fields: redacted,
      enforcement_mode: 'unified',
    }));
    return failDecision(failure, artifact, options);
  }
}

export function addCustomMetadata(metadata: PyDict, customMetadata: Record<string, unknown>): void {
  const keys = Object.keys(customMetadata);
  if (keys.length === 0) return;
  const sorted: PyDict = {};
  for (const key of sortedStrings(keys)) sorted[key] = customMetadata[key] as PyValue;
  metadata.custom_gate_metadata = sorted;
}

export interface PhaseAResult {
  effectivePolicy: PyDict;
  guardsEvaluated: PyValue[];
  conditionsResolved: PyDict;
  preconditionsSatisfied: PyValue[];
  toolConstraints: PyDict;
}

/** Phase A: custom pre-authorization gates, guards, role, preconditions, tools, custom post-authorization gates. */
export function runPhaseA(
  policy: PyDict,
  invocation: PyDict,
  gates: GroupedGates,
  gatesEvaluated: string[],
  customMetadata: Record<string, unknown>,
  observer: EnforcementObserver | null = null,
): PhaseAResult {
  runGatesAt('pre_authorization', gates, invocation, policy, gatesEvaluated, customMetadata);
  let effectivePolicy = policy;
  let guardsEvaluated: PyValue[] = [];
  let conditionsResolved: PyDict = {};
  if (pyTruthy(dictGet(policy, 'guards')) || pyTruthy(dictGet(policy, 'conditions'))) {
    const context = invocation.context as PyDict;
    const result = evaluateGuards(policy, context, invocation, observer);
    effectivePolicy = result.effectivePolicy;
    guardsEvaluated = result.guardsEvaluated as unknown as PyValue[];
    conditionsResolved = result.conditionsResolved;
  }
  gatesEvaluated.push('guard_evaluation');
  validateRole(invocation.role as string, effectivePolicy, observer);
  gatesEvaluated.push('role_validation');
  const preconditionsSatisfied = validatePreconditions(invocation.context as PyDict, effectivePolicy, observer);
  gatesEvaluated.push('precondition_validation');
  const toolConstraints = validateToolConstraints(invocation, effectivePolicy, observer) as unknown as PyDict;
  gatesEvaluated.push('tool_constraint_validation');
  runGatesAt('post_authorization', gates, invocation, effectivePolicy, gatesEvaluated, customMetadata);
  return {effectivePolicy, guardsEvaluated, conditionsResolved, preconditionsSatisfied, toolConstraints};
}

export interface PhaseBResult {
  schemaValidation: 'passed' | 'skipped';
  postconditionsSatisfied: PyValue[];
  riskScoring: (PyDict & {score: PyValue}) | null;
}

/**
 * Phase B: custom pre-output gates, output schema, postconditions, custom post-output gates, risk.
 * `observer` is not told the risk factors of an `options.riskConfig`: they are no element of the policy.
 */
export function runPhaseB(
  effectivePolicy: PyDict,
  riskPolicy: PyDict,
  invocation: PyDict,
  gates: GroupedGates,
  gatesEvaluated: string[],
  customMetadata: Record<string, unknown>,
  options: Pick<EnforceOptions, 'riskConfig' | 'onWarning'>,
  observer: EnforcementObserver | null = null,
): PhaseBResult {
  runGatesAt('pre_output', gates, invocation, effectivePolicy, gatesEvaluated, customMetadata);
  let schemaValidation: 'passed' | 'skipped' = 'skipped';
  if (hasOutputSchema(effectivePolicy)) {
    validateOutputSchema(invocation.output as PyValue, effectivePolicy.output_schema, observer);
    schemaValidation = 'passed';
  }
  gatesEvaluated.push('schema_validation');
  const postconditionsSatisfied = validatePostconditions(effectivePolicy, schemaValidation === 'passed', observer);
  gatesEvaluated.push('postcondition_validation');
  runGatesAt('post_output', gates, invocation, effectivePolicy, gatesEvaluated, customMetadata);
  const overridden = pyTruthy(options.riskConfig ?? null);
  const riskConfig = overridden ? options.riskConfig! : dictGet(riskPolicy, 'risk');
  let riskScoring: PhaseBResult['riskScoring'] = null;
  if (pyTruthy(riskConfig)) {
    if (!isDict(riskConfig)) throw new PolicyValidationError('Invalid risk configuration: expected a mapping', {}, {reason: 'invalid-risk-config'});
    const risk = computeRiskScore(invocation, effectivePolicy, riskConfig, overridden ? null : observer);
    gatesEvaluated.push('risk_scoring');
    if (enforceRiskThreshold(risk) === 'warn') {
      options.onWarning?.(
        `Risk score ${formatFixed(risk.score, 3)} exceeds threshold ${formatFixed(risk.threshold, 3)} (warn_only mode -- not blocking)`,
      );
    }
    riskScoring = riskScoreDict(risk) as PyDict & {score: PyValue};
  }
  return {schemaValidation, postconditionsSatisfied, riskScoring};
}

/** `failures`, `failure_reason` and `redacted_fields` for an in-pipeline failure. */
export function describeFailure(
  failure: AigcError,
  patterns: readonly RedactionPattern[],
): {failures: FailureEntry[]; reason: string; redactedFields: string[]} {
  const {text: reason, redacted} = redact(failure.message, patterns);
  const redactedFields = [...redacted];
  const note = (names: string[]) => {
    for (const name of names) if (!redactedFields.includes(name)) redactedFields.push(name);
  };
  let failures: FailureEntry[] = [];
  if (Object.keys(failure.details).length > 0) {
    failures = [{code: failure.className, message: reason, field: failure.details.field ?? null}];
    const gateFailures = failure.details.custom_gate_failures;
    const point = failure.details.insertion_point;
    if (Array.isArray(gateFailures) && gateFailures.length > 0 && (point === 'pre_output' || point === 'post_output')) {
      failures = gateFailures.map((entry) => {
        if (!isDict(entry)) {
          const {text, redacted: names} = redact(String(entry), patterns);
          note(names);
          return {code: 'CUSTOM_GATE_MALFORMED_FAILURE', message: text, field: null};
        }
        const {text, redacted: names} = redact(String(entry.message ?? ''), patterns);
        note(names);
        return {...entry, message: text};
      });
    }
  }
  return {failures, reason, redactedFields};
}

/**
 * The FAIL artifact of a failure inside the pipeline (not signed here).
 * `metadataFor` places `redacted_fields` among the mode's own keys.
 */
export function pipelineFailArtifact(
  policy: PyDict,
  invocation: PyDict,
  failure: AigcError,
  clock: Pick<Resolved, 'now' | 'patterns'>,
  metadataFor: (redactedFields: string[]) => PyDict,
): AuditArtifact {
  const {failures, reason, redactedFields} = describeFailure(failure, clock.patterns);
  const metadata = metadataFor(redactedFields);
  if (failure.className === 'RiskThresholdError') metadata.risk_scoring = failure.details as PyDict;
  return generateAuditArtifact({
    invocation,
    policy,
    enforcementResult: 'FAIL',
    failures,
    failureGate: failureGateOf(failure),
    failureReason: reason,
    metadata,
    timestamp: clock.now(),
    provenance: contextProvenance(invocation),
  });
}

/** The PASS decision after Phase B: custom metadata and risk added, signed, sent to the sink. */
export function passDecision(
  invocation: PyDict,
  policy: PyDict,
  metadata: PyDict,
  outcome: PhaseBResult,
  customMetadata: Record<string, unknown>,
  now: () => number,
  options: EnforceOptions,
): Decision {
  addCustomMetadata(metadata, customMetadata);
  if (outcome.riskScoring) metadata.risk_scoring = outcome.riskScoring;
  const artifact = generateAuditArtifact({
    invocation,
    policy,
    enforcementResult: 'PASS',
    metadata,
    timestamp: now(),
    riskScore: outcome.riskScoring ? outcome.riskScoring.score : null,
    provenance: contextProvenance(invocation),
  });
  if (options.signer) signArtifact(artifact, options.signer);
  emitToSink(artifact, options.sink, options.onSinkFailure ?? 'log');
  log.info(`Enforcement complete: PASS [policy=${String(invocation.policy_file)}, role=${String(invocation.role)}]`);
  return {artifact, error: null};
}

/** A signed (when a signer is set) FAIL decision from inside the pipeline, sent to the sink. */
export function failDecision(failure: AigcError, artifact: AuditArtifact, options: EnforceOptions): Decision {
  if (options.signer) signArtifact(artifact, options.signer);
  return finishFail(failure, artifact, options);
}

/** Attaches the artifact to the error and sends it to the sink (a sink failure never hides the governance failure). */
export function finishFail(failure: AigcError, artifact: AuditArtifact, options: EnforceOptions): Decision {
  failure.auditArtifact = artifact;
  try {
    emitToSink(artifact, options.sink, options.onSinkFailure ?? 'log');
  } catch (sinkError) {
    // A sink failure on a FAIL path never hides the governance failure.
    log.error(`Sink emission failed on FAIL path (artifact preserved): ${(sinkError as Error).message}`);
  }
  log.info(`Enforcement complete: FAIL [gate=${String(artifact.failure_gate)}, policy=${String(artifact.policy_file)}, role=${String(artifact.role)}]`);
  return {artifact, error: failure};
}

/** A string field of the invocation, or the reference's placeholder. */
function safeString(invocation: PyValue, key: string): string {
  const value = isDict(invocation) ? dictGet(invocation, key) : undefined;
  return typeof value === 'string' && value.length > 0 ? value : 'unknown';
}

function safeObject(invocation: PyValue, key: string): PyDict {
  const value = isDict(invocation) ? dictGet(invocation, key) : undefined;
  if (!isDict(value) || jsonSerializationProblem(value, key !== 'context')) return {};
  return value;
}

/** The artifact for a failure before the pipeline ran (invalid invocation, policy load, strict mode). */
export function prePipelineFailArtifact(
  invocation: PyValue,
  failure: AigcError,
  resolved: Pick<Resolved, 'now' | 'patterns'>,
  mode: EnforcementMode,
): AuditArtifact {
  const {text: reason, redacted} = redact(failure.message, resolved.patterns);
  const safeInvocation: PyDict = {
    policy_file: safeString(invocation, 'policy_file'),
    model_provider: safeString(invocation, 'model_provider'),
    model_identifier: safeString(invocation, 'model_identifier'),
    role: safeString(invocation, 'role'),
    input: safeObject(invocation, 'input'),
    output: safeObject(invocation, 'output'),
    context: safeObject(invocation, 'context'),
  };
  return generateAuditArtifact({
    invocation: safeInvocation,
    policy: {},
    enforcementResult: 'FAIL',
    failures: [{code: failure.className, message: reason, field: failure.details.field ?? null}],
    failureGate: failureGateOf(failure),
    failureReason: reason,
    metadata: {gates_evaluated: [], redacted_fields: redacted, pre_pipeline_failure: true, enforcement_mode: mode},
    timestamp: resolved.now(),
    provenance: isDict(invocation) ? contextProvenance(invocation) : null,
  });
}
