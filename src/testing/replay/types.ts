// The types golden replay's modules share: a fixture as read, what replaying
// it gave, and how its decision changed. Kept here, at the bottom of the
// folder, so the modules import one another in one direction only.

import type {PyDict, PyValue} from '../../python/values.js';
import type {FieldDiff} from '../compare.js';

/** `artifact`: a line of an audit trail (`enforce --chain`, artifact JSONL), with no invocation beside it. */
export type FixtureShape = 'ours' | 'reference-wrapped' | 'reference-bare' | 'record' | 'artifact';

export type ReplayMode = 'unified' | 'split';

/** What a fixture expects; every part left out is not checked. */
export interface ReplayExpectation {
  /** Expected artifact, whole or in part (compared as a recursive subset). */
  artifact?: PyDict;
  /** Wrapped form: the class name of the error enforcement should raise, compared exactly; `null` when it should pass. */
  exceptionClass?: string | null;
  /** Wrapped form: the error's `code`. */
  exceptionCode?: string | null;
}

/** Why a recorded decision cannot be replayed (see trail.ts for what an artifact keeps). */
export type UnreplayableReason =
  /** the invocation was refused as malformed: its artifact keeps placeholders, not the fields sent */
  | 'malformed-invocation'
  /** the artifact keeps 100 context keys, the most it keeps: the context may have been cut */
  | 'context-may-be-cut'
  /** an audit sink failure or a governed function's failure, not a policy's decision */
  | 'not-a-policy-decision'
  /** the recorded enforcement ran custom gates, which replay does not run */
  | 'custom-gates'
  /** the policy replayed limits tool calls, which no artifact records */
  | 'needs-tool-calls'
  /** the policy replayed validates the output, which the artifact holds only as a checksum */
  | 'needs-output';

export interface Unreplayable {
  reason: UnreplayableReason;
  /** One sentence for people, naming what is missing. */
  message: string;
}

export interface ReplayFixture {
  /** Shown in reports: the fixture's `name`, else its file (and line, for a record). */
  name: string;
  file: string;
  /** 1-based line of a JSONL record. */
  line?: number;
  shape: FixtureShape;
  /** The fixture value as read (kept so an update can be written back in the same shape). */
  raw: PyDict;
  /** For a trail artifact: the invocation as far as the artifact keeps it (see trail.ts). */
  invocation: PyValue;
  mode: ReplayMode;
  /** Model output for the post-call phase of a split replay (any JSON value); needed only when the pre-call phase passes. */
  output?: PyValue;
  /** Clock in epoch seconds: the fixture's `now`, else a record's artifact timestamp. */
  now?: number;
  /** Absent when the fixture has no expectation yet (ours without `expected`, bare without `--expected`). */
  expectation?: ReplayExpectation;
  /** Set when the recorded decision cannot be replayed whatever the policy (trail artifacts only). */
  unreplayable?: Unreplayable;
}

/** PASS or FAIL, the gate and the reason: the decision a policy author compares across policies. */
export interface ReplayVerdict {
  result: 'PASS' | 'FAIL';
  gate: string | null;
  /** `failure_reason`; undefined in an expectation that does not give one. */
  reason?: string | null;
}

/**
 * How a decision changed from the recorded (or expected) one: its result
 * flipped either way, it fails at another gate, or it fails at the same gate
 * for another reason. The first three are flips; a reason alone is not.
 */
export type DecisionChange = 'pass_to_fail' | 'fail_to_pass' | 'gate_changed' | 'reason_changed';

/** `--policy OLD=NEW` (or `--policy NEW`, for NEW=NEW): records of OLD are replayed against NEW. */
export interface PolicyMapping {
  /** OLD as given on the command line. */
  from: string;
  /** NEW as given on the command line. */
  to: string;
  /** OLD resolved as enforcement resolves a policy path (absolute, links followed). */
  fromPath: string;
  /** NEW, absolute: what replaced policies' invocations name. */
  toPath: string;
}

/** `changed`: the decision differs from the recorded one by its reason only. `unreplayable`: see `ReplayResult.unreplayable`. */
export type ReplayStatus = 'passed' | 'failed' | 'missing' | 'changed' | 'unreplayable';

export interface ReplayResult {
  fixture: ReplayFixture;
  /** `missing`: the fixture has no expectation to compare with; `failed` also when it could not be replayed to the end (see `problem`). */
  status: ReplayStatus;
  diffs: FieldDiff[];
  /** The artifact enforcement produced; null when the replay stopped short of one (see `problem`, `unreplayable`). */
  actual: PyDict | null;
  verdict: ReplayVerdict | null;
  /** Why the fixture could not be replayed to the end; set only with status `failed`. */
  problem?: string;
  /** Why the recorded decision could not be replayed; set only with status `unreplayable`. */
  unreplayable?: Unreplayable;
  /** The verdict the fixture expects, as far as it says. */
  expectedVerdict?: ReplayVerdict;
  /** When compared by decision: how it changed, null when it did not. */
  change?: DecisionChange | null;
  /** The `--policy` mapping replayed in place of the fixture's own policy. */
  mapping?: PolicyMapping;
  errorClass: string | null;
  errorCode: string | null;
}
