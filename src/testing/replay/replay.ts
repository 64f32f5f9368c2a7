// Replaying one fixture: enforce its invocation again (unified, or split
// into pre-call and post-call phases) and compare what comes out with what
// the fixture expects, field by field.

import {type Decision, decide, type EnforceOptions} from '../../pipeline/enforce.js';
import {decidePostCall, decidePreCall} from '../../pipeline/split.js';
import type {PolicyCache} from '../../policy/cache.js';
import {isDict, type PyDict, type PyValue} from '../../python/values.js';
import {fixedClock} from '../clock.js';
import {type FieldDiff, subsetDiff, VOLATILE_ARTIFACT_POINTERS} from '../compare.js';
import {decisionChange} from './changes.js';
import type {PolicySubstitution} from './policy-map.js';
import {MissingDataProbe, probedUnreplayable} from './trail.js';
import type {ReplayFixture, ReplayResult, ReplayVerdict} from './types.js';

export type {ReplayResult, ReplayStatus, ReplayVerdict} from './types.js';

/** Fields replay never compares: it neither signs nor chains, so a recorded signature or chain link cannot recur. */
export const RECORDING_POINTERS: ReadonlySet<string> = new Set(['/signature', '/chain_id', '/chain_index', '/previous_audit_checksum', '/checksum']);

export interface ReplayOptions {
  /** Folder policy paths in invocations resolve against (`--root`; default: process.cwd()). */
  cwd?: string;
  policyRoot?: string;
  cache?: PolicyCache | null;
  /** `--now`: the clock for fixtures that carry none. */
  now?: number;
  /** Compare timestamps too. */
  strict?: boolean;
  /**
   * `--policy`: a what-if. Fixtures of a mapped policy are replayed against
   * its replacement, the others against their own policy, and every fixture
   * is compared by its decision (result, gate, reason) only.
   */
  policyMap?: PolicySubstitution;
  /** OpenTelemetry spans for each enforcement (default true; see EnforceOptions.trace). */
  trace?: boolean;
}

/** Said when a split replay's pre-call phase passes and nothing gives the post-call phase its output. */
export const SPLIT_OUTPUT_NEEDED =
  'the pre-call phase passed, so the post-call phase needs the model output: give `output` in the fixture, or --call-output FILE';

export function replayFixture(fixture: ReplayFixture, options: ReplayOptions = {}): ReplayResult {
  const expectedVerdict = expectedVerdictOf(fixture);
  const mapping = options.policyMap?.mappingFor(fixture.invocation);
  const unfinished = {fixture, actual: null, verdict: null, expectedVerdict, errorClass: null, errorCode: null, ...(mapping ? {mapping} : {})};
  if (fixture.unreplayable !== undefined) return {...unfinished, status: 'unreplayable', diffs: [], unreplayable: fixture.unreplayable};
  // An artifact's rebuilt invocation lacks the output and the tool calls: the probe says when the decision needs them.
  const probe = fixture.shape === 'artifact' ? new MissingDataProbe() : undefined;
  const invocation = mapping && isDict(fixture.invocation) ? {...fixture.invocation, policy_file: mapping.toPath} : fixture.invocation;
  const decision = enforceAgain(fixture, invocation, options, probe);
  if (decision === SPLIT_OUTPUT_NEEDED) return {...unfinished, status: 'failed', diffs: [], problem: SPLIT_OUTPUT_NEEDED};
  const unreplayable = probe && probedUnreplayable(probe, fixture.raw);
  if (unreplayable) return {...unfinished, status: 'unreplayable', diffs: [], unreplayable};
  const actual = decision.artifact;
  const verdict = verdictOf(actual);
  const base = {...unfinished, actual, verdict, errorClass: decision.error?.className ?? null, errorCode: decision.error?.code ?? null};
  if (fixture.expectation === undefined) return {...base, status: 'missing', diffs: []};
  if (options.policyMap !== undefined || fixture.shape === 'artifact') {
    const change = expectedVerdict === undefined ? null : decisionChange(expectedVerdict, verdict);
    const status = change === null ? 'passed' : change === 'reason_changed' ? 'changed' : 'failed';
    return {...base, status, diffs: verdictDiffs(expectedVerdict, verdict), change};
  }
  const diffs = expectationDiffs(fixture, decision, options);
  return {...base, status: diffs.length === 0 ? 'passed' : 'failed', diffs};
}

function verdictOf(artifact: PyDict): ReplayVerdict {
  return {
    result: artifact.enforcement_result === 'PASS' ? 'PASS' : 'FAIL',
    gate: typeof artifact.failure_gate === 'string' ? artifact.failure_gate : null,
    reason: typeof artifact.failure_reason === 'string' ? artifact.failure_reason : null,
  };
}

/** The decision, or `SPLIT_OUTPUT_NEEDED` when a split replay passes its pre-call phase without an output to go on with. */
function enforceAgain(fixture: ReplayFixture, invocation: PyValue, options: ReplayOptions, probe?: MissingDataProbe): Decision | typeof SPLIT_OUTPUT_NEEDED {
  const at = fixture.now ?? options.now;
  const settings: EnforceOptions = {
    now: at === undefined ? undefined : fixedClock(at),
    cwd: options.cwd,
    policyRoot: options.policyRoot,
    cache: options.cache ?? null,
    trace: options.trace,
    ...(probe ? {customGates: [probe]} : {}),
  };
  if (fixture.mode === 'unified') return decide(invocation, settings);
  // Like the reference's split tests: a pre-call FAIL is the whole replay, and needs no output.
  const preCall = decidePreCall(withoutOutput(invocation), settings);
  if (!('token' in preCall)) return preCall;
  const output = fixture.output !== undefined ? fixture.output : isDict(invocation) && Object.hasOwn(invocation, 'output') ? invocation.output : undefined;
  if (output === undefined) return SPLIT_OUTPUT_NEEDED;
  return decidePostCall(preCall.token, output, settings);
}

/** A split replay's pre-call invocation: the reference's pre-call fixtures have no `output`. */
function withoutOutput(invocation: PyValue): PyValue {
  if (!isDict(invocation) || !Object.hasOwn(invocation, 'output')) return invocation;
  const {output: _output, ...rest} = invocation;
  return rest;
}

function expectationDiffs(fixture: ReplayFixture, decision: Decision, options: ReplayOptions): FieldDiff[] {
  const expectation = fixture.expectation!;
  const diffs: FieldDiff[] = [];
  const error = decision.error;
  if (expectation.exceptionClass !== undefined) {
    const expected = expectation.exceptionClass;
    // The reference's tests compare `exc.__class__.__name__` exactly: a base class does not do.
    const met = expected === null ? error === null : error?.className === expected;
    if (!met) diffs.push({pointer: 'exception', expected, actual: error?.className ?? null});
  }
  if (expectation.exceptionCode !== undefined && expectation.exceptionCode !== (error?.code ?? null)) {
    diffs.push({pointer: 'exception_code', expected: expectation.exceptionCode, actual: error?.code ?? null});
  }
  if (expectation.artifact !== undefined) {
    const ignore = new Set(RECORDING_POINTERS);
    if (!options.strict) for (const pointer of VOLATILE_ARTIFACT_POINTERS) ignore.add(pointer);
    diffs.push(...subsetDiff(expectation.artifact, decision.artifact, {ignore}));
  }
  return diffs;
}

/** The verdict a fixture's expectation pins down, if it does. */
export function expectedVerdictOf(fixture: ReplayFixture): ReplayVerdict | undefined {
  const expectation = fixture.expectation;
  if (expectation === undefined) return undefined;
  const artifact = expectation.artifact ?? {};
  const gate = typeof artifact.failure_gate === 'string' ? artifact.failure_gate : null;
  // A reason is compared only where the expectation gives one.
  const reason = typeof artifact.failure_reason === 'string' || artifact.failure_reason === null ? {reason: artifact.failure_reason} : {};
  if (artifact.enforcement_result === 'PASS' || artifact.enforcement_result === 'FAIL') return {result: artifact.enforcement_result, gate, ...reason};
  if (expectation.exceptionClass !== undefined) return {result: expectation.exceptionClass === null ? 'PASS' : 'FAIL', gate, ...reason};
  return undefined;
}

function verdictDiffs(expected: ReplayVerdict | undefined, actual: ReplayVerdict): FieldDiff[] {
  if (expected === undefined) return [];
  const diffs: FieldDiff[] = [];
  if (expected.result !== actual.result) diffs.push({pointer: '/enforcement_result', expected: expected.result, actual: actual.result});
  // A PASS has no gate, so a PASS expectation pins the gate too (null); a FAIL one only when it names it.
  const gateKnown = expected.gate !== null || expected.result === 'PASS';
  if (gateKnown && expected.gate !== actual.gate) diffs.push({pointer: '/failure_gate', expected: expected.gate, actual: actual.gate});
  if (expected.reason !== undefined && expected.reason !== null && expected.reason !== actual.reason) {
    diffs.push({pointer: '/failure_reason', expected: expected.reason, actual: actual.reason ?? null});
  }
  return diffs;
}
