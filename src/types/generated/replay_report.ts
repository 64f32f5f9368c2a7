/**
 * Generated from schemas/replay_report.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyFloat, PyValue} from '../../python/values.js';

/**
 * What `aigc replay -f json` prints: every fixture replayed, how it came out, and, when decisions were compared (`--policy` what-ifs, audit trails), how they changed. `summary.total` is `passed + failed + written + updated` plus `decisions.counts.reason_changed` and `decisions.unreplayable.count`.
 */
export type ReplayJsonReport = {
  /**
   * Version of this document's shape; raised when a field changes meaning or goes away.
   */
  formatVersion: 2;
  /**
   * The program that wrote the report.
   */
  tool: {
    /**
     * Always `aigc`.
     */
    name: 'aigc';
    /**
     * The aigc version.
     */
    version: string;
  };
  /**
   * Counts of fixtures by how they came out.
   */
  summary: {
    total: Count;
    passed: Count;
    failed: Count;
    written: Count;
    updated: Count;
  };
  /**
   * Every fixture, in the order replayed.
   */
  fixtures: ReplayedFixture[];
  /**
   * How decisions changed, when they were compared (`--policy`, or audit trail artifacts); null when every fixture was compared by its artifact.
   */
  decisions: null | DecisionChanges;
};
/**
 * A number of fixtures.
 */
export type Count = number | bigint | PyFloat;
/**
 * One fixture and how its replay came out.
 */
export type ReplayedFixture = {
  /**
   * Its `name`, else its file (and line).
   */
  name: string;
  /**
   * Its file, relative to the working folder when below it.
   */
  file: string;
  /**
   * Its line in a JSONL file.
   */
  line?: number | bigint | PyFloat;
  /**
   * How it was written: our fixture, the reference's wrapped or bare form, an `enforce --record` record, or an audit trail artifact.
   */
  shape: 'ours' | 'reference-wrapped' | 'reference-bare' | 'record' | 'artifact';
  /**
   * How it was enforced again.
   */
  mode: 'unified' | 'split';
  /**
   * passed / failed: matched or not (when decisions are compared, failed is a flip); missing: no expectation to compare with; written / updated: `--update` wrote its expectation; changed: its decision differs by the reason only; unreplayable: see `unreplayable`.
   */
  status: 'passed' | 'failed' | 'missing' | 'written' | 'updated' | 'changed' | 'unreplayable';
  /**
   * The decision replayed; null when the replay stopped short of one (see `problem`, `unreplayable`).
   */
  verdict: null | ReplayDecision;
  expectedVerdict?: ReplayDecision;
  /**
   * When decisions are compared: how it changed, null when it did not.
   */
  change?: null | DecisionChangeKind;
  /**
   * The `--policy` mapping it was replayed under, in place of its own policy.
   */
  policy?: {
    /**
     * OLD, as given.
     */
    from: string;
    /**
     * NEW, as given.
     */
    to: string;
  };
  /**
   * Why it could not be replayed to the end.
   */
  problem?: string;
  unreplayable?: UnreplayableDecision;
  /**
   * The fields that differ (when decisions are compared: result, gate, reason).
   */
  diffs: ReplayFieldDiff[];
};
/**
 * A decision: its result, failure gate and failure reason.
 */
export type ReplayDecision = {
  /**
   * `enforcement_result`.
   */
  result: 'PASS' | 'FAIL';
  /**
   * `failure_gate`; null on PASS, and in an expectation that does not name one.
   */
  gate: string | null;
  /**
   * `failure_reason`; absent from an expectation that does not give one.
   */
  reason?: string | null;
};
/**
 * How a decision changed: PASS to FAIL, FAIL to PASS, FAIL at another gate (these three are flips), or FAIL at the same gate for another reason only.
 */
export type DecisionChangeKind = 'pass_to_fail' | 'fail_to_pass' | 'gate_changed' | 'reason_changed';
/**
 * Why a recorded decision could not be replayed.
 */
export type UnreplayableDecision = {
  reason: UnreplayableReason;
  /**
   * The same, in one sentence naming what is missing.
   */
  message: string;
};
/**
 * needs-output: the policy replayed validates the output, which an artifact holds only as a checksum; needs-tool-calls: it limits tool calls, which no artifact records; malformed-invocation: the invocation was refused as malformed and its artifact keeps placeholders; context-may-be-cut: the artifact holds 100 context keys, the most one keeps; custom-gates: it was enforced with custom gates, which replay does not run; not-a-policy-decision: an audit sink or governed-function failure.
 */
export type UnreplayableReason =
  | 'needs-output'
  | 'needs-tool-calls'
  | 'malformed-invocation'
  | 'context-may-be-cut'
  | 'custom-gates'
  | 'not-a-policy-decision';
/**
 * One field that differs: the expected value, then the actual one (either absent when that side has no such field).
 */
export type ReplayFieldDiff = {
  /**
   * JSON pointer into the artifact (`/failure_gate`), or `exception` / `exception_code` for a wrapped reference fixture.
   */
  pointer: string;
  /**
   * The expected value.
   */
  expected?: PyValue;
  /**
   * The actual value.
   */
  actual?: PyValue;
};
/**
 * How decisions changed, counted by kind, by gate, by role and by policy.
 */
export type DecisionChanges = {
  /**
   * The `--policy` mappings, each with how many records it applied to.
   */
  mappings: PolicyMappingUse[];
  /**
   * One per mapping that applied to no record (OLD probably misspelt), naming the policies the records name.
   */
  warnings: string[];
  compared: Count;
  unchanged: Count;
  changed: Count;
  flipped: Count;
  counts: ChangeCounts;
  /**
   * Changed records by kind and by the gates before and after, most first.
   */
  byGate: GateChangeCount[];
  /**
   * Roles whose records changed, most changes first.
   */
  byRole: RoleChangeCount[];
  /**
   * Every policy the records name, in the order first met.
   */
  byPolicy: PolicyChangeCount[];
  /**
   * Records whose recorded decision could not be replayed.
   */
  unreplayable: {
    count: Count;
    /**
     * How many for each reason given.
     */
    byReason: {
      [k: string]: Count;
    };
  };
  coveredByRecords: Count;
};
/**
 * One `--policy OLD=NEW` (`--policy NEW` is NEW=NEW).
 */
export type PolicyMappingUse = {
  /**
   * OLD, as given.
   */
  from: string;
  /**
   * NEW, as given.
   */
  to: string;
  /**
   * OLD resolved as enforcement resolves a policy path (absolute, links followed): what records' `policy_file` are matched with.
   */
  resolved: string;
  applied: Count;
};
/**
 * Changed decisions by kind.
 */
export type ChangeCounts = {
  pass_to_fail: Count;
  fail_to_pass: Count;
  gate_changed: Count;
  reason_changed: Count;
};
/**
 * Records that changed this way between these gates.
 */
export type GateChangeCount = {
  change: DecisionChangeKind;
  /**
   * The gate it failed at before; null when it passed (or the expectation names none).
   */
  from: string | null;
  /**
   * The gate it fails at now; null when it passes.
   */
  to: string | null;
  count: Count;
};
/**
 * The changes among one role's records.
 */
export type RoleChangeCount = {
  /**
   * The invocation's `role`; null when it has none.
   */
  role: string | null;
  changed: Count;
  counts: ChangeCounts;
};
/**
 * The records naming one policy and how their decisions changed.
 */
export type PolicyChangeCount = {
  /**
   * The records' `policy_file`, as written.
   */
  policy: string;
  /**
   * NEW of the mapping they were replayed under; null when replayed against their own policy, unchanged.
   */
  replacedBy: string | null;
  records: Count;
  compared: Count;
  changed: Count;
  counts: ChangeCounts;
  unreplayable: Count;
};
