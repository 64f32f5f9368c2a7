// Replaying one fixture: enforce its invocation again (unified, or split
// into pre-call and post-call phases) and compare what comes out with what
// the fixture expects, field by field.

import {type Decision, decide, type EnforceOptions} from '../../pipeline/enforce.js';
import {decidePostCall, decidePreCall} from '../../pipeline/split.js';
import type {PolicyCache} from '../../policy/cache.js';
import {isDict, type PyDict, type PyValue} from '../../python/values.js';
import {fixedClock} from '../clock.js';
import {type FieldDiff, subsetDiff, VOLATILE_ARTIFACT_POINTERS} from '../compare.js';
import type {ReplayFixture} from './fixtures.js';

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
  /** `--policy FILE`: run every fixture against this policy instead, and compare only verdicts. */
  policyOverride?: string;
  /** OpenTelemetry spans for each enforcement (default true; see EnforceOptions.trace). */
  trace?: boolean;
}

/** PASS or FAIL and the gate: what a policy author compares across policies. */
export interface ReplayVerdict {
  result: 'PASS' | 'FAIL';
  gate: string | null;
}

export type ReplayStatus = 'passed' | 'failed' | 'missing';

export interface ReplayResult {
  fixture: ReplayFixture;
  /** `missing`: the fixture has no expectation to compare with; `failed` also when it could not be replayed to the end (see `problem`). */
  status: ReplayStatus;
  diffs: FieldDiff[];
  /** The artifact enforcement produced; null when the replay stopped short of one (see `problem`). */
  actual: PyDict | null;
  verdict: ReplayVerdict | null;
  /** Why the fixture could not be replayed to the end; set only with status `failed`. */
  problem?: string;
  /** The verdict the fixture expects, as far as it says. */
  expectedVerdict?: ReplayVerdict;
  errorClass: string | null;
  errorCode: string | null;
}

/** Said when a split replay's pre-call phase passes and nothing gives the post-call phase its output. */
export const SPLIT_OUTPUT_NEEDED =
  'the pre-call phase passed, so the post-call phase needs the model output: give `output` in the fixture, or --call-output FILE';

export function replayFixture(fixture: ReplayFixture, options: ReplayOptions = {}): ReplayResult {
  const decision = enforceAgain(fixture, options);
  if (decision === SPLIT_OUTPUT_NEEDED) {
    const unfinished = {fixture, actual: null, verdict: null, expectedVerdict: expectedVerdictOf(fixture), errorClass: null, errorCode: null};
    return {...unfinished, status: 'failed', diffs: [], problem: SPLIT_OUTPUT_NEEDED};
  }
  const actual = decision.artifact;
  const verdict: ReplayVerdict = {
    result: actual.enforcement_result === 'PASS' ? 'PASS' : 'FAIL',
    gate: typeof actual.failure_gate === 'string' ? actual.failure_gate : null,
  };
  const expectedVerdict = expectedVerdictOf(fixture);
  const base = {fixture, actual, verdict, expectedVerdict, errorClass: decision.error?.className ?? null, errorCode: decision.error?.code ?? null};
  if (fixture.expectation === undefined) return {...base, status: 'missing', diffs: []};
  const diffs = options.policyOverride !== undefined ? verdictDiffs(expectedVerdict, verdict) : expectationDiffs(fixture, decision, options);
  return {...base, status: diffs.length === 0 ? 'passed' : 'failed', diffs};
}

/** The decision, or `SPLIT_OUTPUT_NEEDED` when a split replay passes its pre-call phase without an output to go on with. */
function enforceAgain(fixture: ReplayFixture, options: ReplayOptions): Decision | typeof SPLIT_OUTPUT_NEEDED {
  const at = fixture.now ?? options.now;
  const settings: EnforceOptions = {
    now: at === undefined ? undefined : fixedClock(at),
    cwd: options.cwd,
    policyRoot: options.policyRoot,
    cache: options.cache ?? null,
    trace: options.trace,
  };
  let invocation = fixture.invocation;
  if (options.policyOverride !== undefined && isDict(invocation)) invocation = {...invocation, policy_file: options.policyOverride};
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
  if (artifact.enforcement_result === 'PASS' || artifact.enforcement_result === 'FAIL') return {result: artifact.enforcement_result, gate};
  if (expectation.exceptionClass !== undefined) return {result: expectation.exceptionClass === null ? 'PASS' : 'FAIL', gate};
  return undefined;
}

function verdictDiffs(expected: ReplayVerdict | undefined, actual: ReplayVerdict): FieldDiff[] {
  if (expected === undefined) return [];
  const diffs: FieldDiff[] = [];
  if (expected.result !== actual.result) diffs.push({pointer: '/enforcement_result', expected: expected.result, actual: actual.result});
  if (expected.gate !== null && expected.gate !== actual.gate) diffs.push({pointer: '/failure_gate', expected: expected.gate, actual: actual.gate});
  return diffs;
}

/** How verdicts changed across fixtures under `--policy`: the question a policy author asks before merging. */
export interface VerdictChangeSummary {
  /** Fixtures whose expectation pins a verdict. */
  compared: number;
  changed: ReplayResult[];
  passToFail: number;
  failToPass: number;
  /** FAIL before and after, at another gate. */
  gateChanged: number;
  /** Count of new FAILs by the gate they now fail at. */
  newFailuresByGate: Record<string, number>;
}

export function summarizeVerdictChanges(results: readonly ReplayResult[]): VerdictChangeSummary {
  const summary: VerdictChangeSummary = {compared: 0, changed: [], passToFail: 0, failToPass: 0, gateChanged: 0, newFailuresByGate: {}};
  for (const result of results) {
    const before = result.expectedVerdict;
    const after = result.verdict;
    if (before === undefined || after === null) continue;
    summary.compared++;
    if (before.result === after.result && (before.result === 'PASS' || before.gate === null || before.gate === after.gate)) continue;
    summary.changed.push(result);
    if (before.result === 'PASS' && after.result === 'FAIL') {
      summary.passToFail++;
      const gate = after.gate ?? 'unknown';
      summary.newFailuresByGate[gate] = (summary.newFailuresByGate[gate] ?? 0) + 1;
    } else if (before.result === 'FAIL' && after.result === 'PASS') {
      summary.failToPass++;
    } else {
      summary.gateChanged++;
    }
  }
  return summary;
}
