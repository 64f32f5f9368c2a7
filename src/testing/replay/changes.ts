// How decisions changed across a replay compared by decision (a `--policy`
// what-if, or an audit trail): each change by direction, by gate, by role and
// by policy, how many records each `--policy` mapping applied to, and what
// could not be replayed. The summary is data; reporters word it.

import {isDict} from '../../python/values.js';
import type {DecisionChange, PolicyMapping, ReplayResult, ReplayVerdict, UnreplayableReason} from './types.js';

/** The change from `before` (recorded or expected) to `after`, or null when the decision is the same as far as `before` says. */
export function decisionChange(before: ReplayVerdict, after: ReplayVerdict): DecisionChange | null {
  if (before.result === 'PASS' && after.result === 'FAIL') return 'pass_to_fail';
  if (before.result === 'FAIL' && after.result === 'PASS') return 'fail_to_pass';
  if (before.result === 'PASS') return null;
  // A FAIL whose expectation names no gate (a wrapped fixture giving only the exception) matches any gate.
  if (before.gate !== null && before.gate !== after.gate) return 'gate_changed';
  if (before.reason !== undefined && before.reason !== null && before.reason !== after.reason) return 'reason_changed';
  return null;
}

/** The changes that flip a decision; a reason alone changes its explanation, not what was decided. */
export const FLIPS: readonly DecisionChange[] = ['pass_to_fail', 'fail_to_pass', 'gate_changed'];

export type ChangeCounts = Record<DecisionChange, number>;

const noChanges = (): ChangeCounts => ({pass_to_fail: 0, fail_to_pass: 0, gate_changed: 0, reason_changed: 0});

/** Changes of one kind between one pair of gates (`from` null: it passed before; `to` null: it passes now). */
export interface GateChange {
  change: DecisionChange;
  from: string | null;
  to: string | null;
  count: number;
}

export interface RoleChanges {
  /** The invocation's `role`; null when it has none (a malformed invocation). */
  role: string | null;
  changed: number;
  counts: ChangeCounts;
}

export interface PolicyChanges {
  /** The policy as the records name it (their `policy_file`). */
  policy: string;
  /** The `--policy` replacement it was replayed against; null when replayed against itself. */
  replacedBy: string | null;
  /** Records naming it, replayed or not. */
  records: number;
  compared: number;
  changed: number;
  counts: ChangeCounts;
  unreplayable: number;
}

export interface MappingUse {
  mapping: PolicyMapping;
  /** Records replayed against the mapping's NEW (zero is worth a warning: OLD is probably misspelt). */
  applied: number;
}

export interface DecisionChangeSummary {
  mappings: MappingUse[];
  /** Records whose decision was replayed and compared (a recorded or expected decision to compare with). */
  compared: number;
  unchanged: number;
  /** Records whose decision flipped (PASS→FAIL, FAIL→PASS, another gate). */
  flipped: number;
  counts: ChangeCounts;
  /** Sorted by count, most first, then by change, from and to. */
  byGate: GateChange[];
  /** Roles with changes only, most changes first. */
  byRole: RoleChanges[];
  /** Every policy the records name, in the order first met. */
  byPolicy: PolicyChanges[];
  unreplayable: {count: number; byReason: Partial<Record<UnreplayableReason, number>>};
  /** The changed results, in replay order. */
  changed: ReplayResult[];
}

export function summarizeDecisionChanges(results: readonly ReplayResult[], mappings: readonly PolicyMapping[] = []): DecisionChangeSummary {
  const summary: DecisionChangeSummary = {
    mappings: mappings.map((mapping) => ({mapping, applied: 0})),
    compared: 0,
    unchanged: 0,
    flipped: 0,
    counts: noChanges(),
    byGate: [],
    byRole: [],
    byPolicy: [],
    unreplayable: {count: 0, byReason: {}},
    changed: [],
  };
  const gates = new Map<string, GateChange>();
  const roles = new Map<string | null, RoleChanges>();
  const policies = new Map<string, PolicyChanges>();
  for (const result of results) {
    const policy = policyEntry(policies, result);
    if (policy) policy.records++;
    if (result.mapping) {
      const use = summary.mappings.find((item) => item.mapping.fromPath === result.mapping!.fromPath);
      if (use) use.applied++;
    }
    if (result.status === 'unreplayable') {
      const reason = result.unreplayable!.reason;
      summary.unreplayable.count++;
      summary.unreplayable.byReason[reason] = (summary.unreplayable.byReason[reason] ?? 0) + 1;
      if (policy) policy.unreplayable++;
      continue;
    }
    if (result.change === undefined || result.expectedVerdict === undefined || result.verdict === null) continue;
    summary.compared++;
    if (policy) policy.compared++;
    const change = result.change;
    if (change === null) {
      summary.unchanged++;
      continue;
    }
    summary.changed.push(result);
    summary.counts[change]++;
    if (FLIPS.includes(change)) summary.flipped++;
    if (policy) {
      policy.changed++;
      policy.counts[change]++;
    }
    const from = result.expectedVerdict.result === 'FAIL' ? result.expectedVerdict.gate : null;
    const to = result.verdict.result === 'FAIL' ? result.verdict.gate : null;
    const key = JSON.stringify([change, from, to]);
    const gate = gates.get(key) ?? {change, from, to, count: 0};
    gate.count++;
    gates.set(key, gate);
    const role = roleOf(result);
    const forRole = roles.get(role) ?? {role, changed: 0, counts: noChanges()};
    forRole.changed++;
    forRole.counts[change]++;
    roles.set(role, forRole);
  }
  summary.byGate = [...gates.values()].sort(byCountThen((item) => JSON.stringify([CHANGE_ORDER.indexOf(item.change), item.from ?? '', item.to ?? ''])));
  summary.byRole = [...roles.values()].sort((a, b) => b.changed - a.changed || String(a.role ?? '').localeCompare(String(b.role ?? '')));
  summary.byPolicy = [...policies.values()];
  return summary;
}

const CHANGE_ORDER: readonly DecisionChange[] = ['pass_to_fail', 'fail_to_pass', 'gate_changed', 'reason_changed'];

function byCountThen<T extends {count: number}>(tieBreak: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => b.count - a.count || (tieBreak(a) < tieBreak(b) ? -1 : tieBreak(a) > tieBreak(b) ? 1 : 0);
}

function roleOf(result: ReplayResult): string | null {
  const invocation = result.fixture.invocation;
  return isDict(invocation) && typeof invocation.role === 'string' ? invocation.role : null;
}

function policyEntry(policies: Map<string, PolicyChanges>, result: ReplayResult): PolicyChanges | undefined {
  const invocation = result.fixture.invocation;
  if (!isDict(invocation) || typeof invocation.policy_file !== 'string') return undefined;
  const name = invocation.policy_file;
  let entry = policies.get(name);
  if (!entry) {
    entry = {policy: name, replacedBy: result.mapping?.to ?? null, records: 0, compared: 0, changed: 0, counts: noChanges(), unreplayable: 0};
    policies.set(name, entry);
  }
  return entry;
}

/** One warning per mapping that applied to no record, naming the policies the records do name. */
export function mappingWarnings(summary: DecisionChangeSummary): string[] {
  const named = [...summary.byPolicy]
    .map((policy) => ({policy: policy.policy, records: policy.records}))
    .sort((a, b) => b.records - a.records)
    .slice(0, 5)
    .map((item) => `${item.policy} (${item.records})`);
  const theyName = named.length === 0 ? 'no record names a policy' : `the records name ${named.join(', ')}${summary.byPolicy.length > 5 ? ', …' : ''}`;
  return summary.mappings
    .filter((use) => use.applied === 0)
    .map(({mapping}) => {
      const flag = mapping.from === mapping.to ? mapping.from : `${mapping.from}=${mapping.to}`;
      return `--policy ${flag} applied to no record: none names ${mapping.from} (resolved as ${mapping.fromPath}); ${theyName}`;
    });
}
