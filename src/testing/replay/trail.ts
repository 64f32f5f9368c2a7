// Replaying audit trails (`enforce --chain` files, artifact JSONL) that hold
// no `--record` invocations: what an artifact keeps of its invocation, the
// probe that tells a replay which decisions need what it does not keep, and
// which trails have nothing replayable in them.
//
// An artifact keeps `policy_file`, `model_provider`, `model_identifier`,
// `role` and `context` as they were sent (the context up to 100 keys). It
// keeps the input and the output only as checksums, and the tool calls not
// at all. No gate reads the input. The output-schema gate reads the output,
// and the tool gate reads the tool calls when the policy has a `tools` block.
// So a decision can be replayed from an artifact exactly when the
// authorization gates decide it (a FAIL at a guard, a condition, the role or
// a precondition), or when the policy replayed validates no output and
// limits no tools.

import {canonicalJson, CanonicalJsonError, sha256Hex} from '../../canonical/canonical.js';
import type {EnforcementGate, GateResult} from '../../gates/custom.js';
import {hasOutputSchema} from '../../gates/output-schema.js';
import {pyTruthy} from '../../python/semantics.js';
import {dictGet, isDict, isList, type PyDict} from '../../python/values.js';
import type {ReplayFixture, ReplayMode, Unreplayable, UnreplayableReason} from './types.js';

/** What an audit artifact holds of its invocation, as it was sent. */
export const RECOVERABLE_FIELDS = ['policy_file', 'model_provider', 'model_identifier', 'role', 'context'] as const;

/** What an audit artifact does not hold of its invocation, and which gate reads it. */
export const UNRECOVERABLE_FIELDS: Readonly<Record<'input' | 'output' | 'tool_calls', string>> = {
  input: 'kept only as input_checksum; no gate reads it',
  output: 'kept only as output_checksum; the output-schema gate reads it',
  tool_calls: 'not recorded; the tool gate reads them when the policy has a tools block',
};

/** The reference keeps the first 100 keys of a context (`MAX_CONTEXT_KEYS`). */
const MAX_CONTEXT_KEYS = 100;

/** Gates of the authorization phase (and before it): a FAIL there needs neither the output nor the tool calls. */
const AUTHORIZATION_GATES: ReadonlySet<string> = new Set([
  'invocation_validation',
  'condition_resolution',
  'guard_evaluation',
  'role_validation',
  'precondition_validation',
  'tool_validation',
]);

export interface RecoveredInvocation {
  /** The fields the artifact keeps, with `{}` in place of the input and the output (read only through the probe's say-so). */
  invocation: PyDict;
  mode: ReplayMode;
  /** Set when no replay of this artifact can reach its decision, whatever the policy. */
  unreplayable?: Unreplayable;
}

/** The invocation an artifact allows to be rebuilt, as far as it does. */
export function recoverInvocation(artifact: PyDict): RecoveredInvocation {
  const invocation: PyDict = {};
  for (const field of RECOVERABLE_FIELDS) invocation[field] = artifact[field];
  invocation.input = {};
  invocation.output = {};
  const metadata = isDict(artifact.metadata) ? artifact.metadata : {};
  const enforcementMode = metadata.enforcement_mode;
  const mode: ReplayMode = enforcementMode === 'split' || enforcementMode === 'split_pre_call_only' ? 'split' : 'unified';
  const unreplayable = unreplayableArtifact(artifact, metadata);
  return unreplayable === undefined ? {invocation, mode} : {invocation, mode, unreplayable};
}

function unreplayableArtifact(artifact: PyDict, metadata: PyDict): Unreplayable | undefined {
  const gate = artifact.failure_gate;
  if (gate === 'sink_emission') {
    return {reason: 'not-a-policy-decision', message: 'it records a failure of the audit sink (sink_emission), not a policy decision'};
  }
  if (gate === 'wrapped_function_error') {
    return {reason: 'not-a-policy-decision', message: 'it records a failure of the governed function (wrapped_function_error), not a policy decision'};
  }
  const failures = isList(artifact.failures) ? artifact.failures : [];
  if (failures.some((failure) => isDict(failure) && failure.code === 'InvocationValidationError')) {
    return {
      reason: 'malformed-invocation',
      message: 'the invocation was refused as malformed (InvocationValidationError), and its artifact keeps placeholders, not the fields sent',
    };
  }
  const custom = customGatesOf(metadata);
  if (custom.length > 0 || gate === 'custom_gate_violation') {
    const named = custom.length > 0 ? ` (${custom.join(', ')})` : '';
    return {reason: 'custom-gates', message: `it was enforced with custom gates${named}, which replay does not run`};
  }
  if (isDict(artifact.context) && Object.keys(artifact.context).length >= MAX_CONTEXT_KEYS) {
    return {
      reason: 'context-may-be-cut',
      message: `its context has ${MAX_CONTEXT_KEYS} keys, the most an artifact keeps: the invocation may have had more, which the artifact does not hold`,
    };
  }
  return undefined;
}

function customGatesOf(metadata: PyDict): string[] {
  const names = new Set<string>();
  for (const key of ['gates_evaluated', 'pre_call_gates_evaluated', 'post_call_gates_evaluated']) {
    const gates = metadata[key];
    if (!isList(gates)) continue;
    for (const gate of gates) if (typeof gate === 'string' && gate.startsWith('custom:')) names.add(gate);
  }
  return [...names];
}

/**
 * A gate run after the authorization gates of an artifact's replay: it reads
 * the effective policy (after guards), as the later gates will, and notes
 * whether they will read what the artifact does not hold. It never fails.
 */
export class MissingDataProbe implements EnforcementGate {
  readonly name = 'aigc-replay-missing-data';
  readonly insertionPoint = 'post_authorization' as const;
  /** What the decision needs beyond the authorization gates, once the probe has run. */
  needs: 'tool_calls' | 'output' | null = null;

  evaluate(_invocation: Readonly<PyDict>, policy: Readonly<PyDict>): GateResult {
    // The tool gate has already run, without tool calls: with a tools block, real ones could have failed it.
    if (pyTruthy(dictGet(policy as PyDict, 'tools'))) this.needs = 'tool_calls';
    else if (hasOutputSchema(policy as PyDict)) this.needs = 'output';
    return {passed: true, failures: [], metadata: {}};
  }
}

/** Why the replay of an artifact stopped short of a decision, once its probe ran; undefined when the decision stands. */
export function probedUnreplayable(probe: MissingDataProbe, recorded: PyDict): Unreplayable | undefined {
  if (probe.needs === null) return undefined;
  const recordedGate = recorded.enforcement_result === 'FAIL' && typeof recorded.failure_gate === 'string' ? recorded.failure_gate : null;
  const then = recordedGate !== null && AUTHORIZATION_GATES.has(recordedGate) ? ` (when recorded, it failed at ${recordedGate})` : '';
  if (probe.needs === 'tool_calls') {
    return {
      reason: 'needs-tool-calls',
      message: `the authorization gates pass${then}, but the policy limits tool calls (tools), and an artifact does not record them`,
    };
  }
  return {
    reason: 'needs-output',
    message: `the authorization gates pass${then}, but the policy validates the output (output_schema), and the artifact holds it only as output_checksum`,
  };
}

const CHAIN_FIELDS = ['chain_id', 'chain_index', 'previous_audit_checksum', 'checksum'];

/**
 * The key a record and a trail line share when they hold the same artifact
 * of the same run: its canonical hash without the chain fields, so the
 * artifact `enforce` printed matches its chained copy too.
 */
export function artifactKey(artifact: PyDict): string | undefined {
  const unchained: PyDict = {};
  for (const key of Object.keys(artifact)) if (!CHAIN_FIELDS.includes(key)) unchained[key] = artifact[key];
  try {
    return sha256Hex(canonicalJson(unchained));
  } catch (error) {
    if (error instanceof CanonicalJsonError) return undefined;
    throw error;
  }
}

export interface PairedTrail {
  fixtures: ReplayFixture[];
  /** Trail artifacts left out because a record given too holds the same artifact with its invocation. */
  coveredByRecords: number;
}

/**
 * Leaves out each trail artifact that a record holds too (an `enforce --chain
 * audit.jsonl --record recorded.jsonl` run writes each artifact to both): the
 * record has the whole invocation, so it is replayed instead. Each record
 * stands for one trail line in each file (a trail may hold one artifact twice).
 */
export function pairTrailWithRecords(fixtures: readonly ReplayFixture[]): PairedTrail {
  const recorded = new Map<string, number>();
  for (const fixture of fixtures) {
    if (fixture.shape !== 'record' || !isDict(fixture.raw.artifact)) continue;
    const key = artifactKey(fixture.raw.artifact);
    if (key !== undefined) recorded.set(key, (recorded.get(key) ?? 0) + 1);
  }
  if (recorded.size === 0) return {fixtures: [...fixtures], coveredByRecords: 0};
  const taken = new Map<string, number>();
  const kept: ReplayFixture[] = [];
  let coveredByRecords = 0;
  for (const fixture of fixtures) {
    const key = fixture.shape === 'artifact' ? artifactKey(fixture.raw) : undefined;
    const slot = key === undefined ? undefined : `${fixture.file}\n${key}`;
    const used = slot === undefined ? 0 : (taken.get(slot) ?? 0);
    if (key !== undefined && slot !== undefined && used < (recorded.get(key) ?? 0)) {
      taken.set(slot, used + 1);
      coveredByRecords++;
    } else {
      kept.push(fixture);
    }
  }
  return {fixtures: kept, coveredByRecords};
}

/** A trail file none of whose lines could be replayed. */
export interface RefusedTrail {
  file: string;
  artifacts: number;
  byReason: Partial<Record<UnreplayableReason, number>>;
}

/** The files holding trail artifacts of which nothing (no artifact, no record) was replayed. */
export function refusedTrails(results: readonly {fixture: ReplayFixture; unreplayable?: Unreplayable}[]): RefusedTrail[] {
  const byFile = new Map<string, {artifacts: number; replayed: number; byReason: Partial<Record<UnreplayableReason, number>>}>();
  for (const {fixture, unreplayable} of results) {
    let entry = byFile.get(fixture.file);
    if (!entry) {
      entry = {artifacts: 0, replayed: 0, byReason: {}};
      byFile.set(fixture.file, entry);
    }
    if (fixture.shape === 'artifact') entry.artifacts++;
    if (unreplayable === undefined) entry.replayed++;
    else entry.byReason[unreplayable.reason] = (entry.byReason[unreplayable.reason] ?? 0) + 1;
  }
  const refused: RefusedTrail[] = [];
  for (const [file, entry] of byFile) if (entry.artifacts > 0 && entry.replayed === 0) refused.push({file, artifacts: entry.artifacts, byReason: entry.byReason});
  return refused;
}

const REASON_PHRASES: Record<UnreplayableReason, string> = {
  'needs-output': 'need the output, which an artifact holds only as output_checksum (the policy has an output_schema)',
  'needs-tool-calls': 'need the tool calls, which an artifact does not record (the policy has a tools block)',
  'malformed-invocation': 'record a malformed invocation, of which the artifact keeps only placeholders',
  'context-may-be-cut': 'hold 100 context keys, the most an artifact keeps, so the context may be cut',
  'custom-gates': 'were enforced with custom gates, which replay does not run',
  'not-a-policy-decision': 'record an audit sink or governed-function failure, not a policy decision',
};

/** Why a trail was refused, in one line: what is missing, and what to record instead. */
export function refusedTrailMessage(trail: RefusedTrail): string {
  const reasons = (Object.entries(trail.byReason) as [UnreplayableReason, number][])
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${count} ${REASON_PHRASES[reason]}`)
    .join('; ');
  const noun = trail.artifacts === 1 ? 'audit artifact' : 'audit artifacts';
  return (
    `nothing in it can be replayed: its ${trail.artifacts} ${noun} keep the input and the output only as checksums and no tool calls, and ` +
    `every decision needs what is missing (${reasons}); record the invocations with \`aigc enforce --record FILE\` and replay that file`
  );
}

/** A phrase for a reason, for counts in reports (`3 need the output …`). */
export function unreplayablePhrase(reason: UnreplayableReason): string {
  return REASON_PHRASES[reason];
}
