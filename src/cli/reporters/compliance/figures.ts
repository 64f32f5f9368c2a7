// The numbers the human-readable formats (markdown, HTML) show, worked out
// once so both say the same thing: rates as the JSON report writes them,
// per-policy rates, and failure gates from most to least frequent.
import type {ComplianceReport, PolicySummary} from '../../../report/compliance.js';
import {pyRound} from '../../../python/format.js';
import {pyStr} from '../../../python/repr.js';
import type {PyValue} from '../../../python/values.js';
import {compareCodePoints} from '../../../python/semantics.js';

/**
 * `33.33%`, `100.00%`, `0.00%`: a rate (already rounded to 2 places, as the
 * JSON report rounds it) always with two decimals, so a column of rates reads
 * alike (the JSON writes `100.0` and `33.33`).
 */
export function percentText(rate: number): string {
  return `${rate.toFixed(2)}%`;
}

/** PASS share of a policy's artifacts, rounded like the report's own rate. */
export function policyRate(policy: PolicySummary): number {
  const total = policy.passCount + policy.failCount;
  return total === 0 ? 0 : pyRound((policy.passCount / total) * 100, 2);
}

export interface GateCount {
  gate: string;
  count: number;
  /** Share of all FAIL artifacts, in percent, rounded to 2 places. */
  share: number;
}

/** Failure gates by descending count, ties by name. */
export function gatesByCount(report: ComplianceReport): GateCount[] {
  const total = [...report.failureGates.values()].reduce((sum, count) => sum + count, 0);
  return [...report.failureGates]
    .map(([gate, count]) => ({gate, count, share: total === 0 ? 0 : pyRound((count / total) * 100, 2)}))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.gate, b.gate));
}

/** `1 artifact`, `2 artifacts`. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Thousands separated, as people read counts. */
export function countText(count: number): string {
  return count.toLocaleString('en-US');
}

/** A policy version as text (always a string in a schema-valid artifact). */
export function versionText(version: PyValue): string {
  return pyStr(version);
}

/** The period the report's artifacts cover, earliest to latest `timestamp` (UTC, to the second); null without artifacts. */
export function periodText(period: {start: number; end: number} | null): string | null {
  if (period === null) return null;
  const instant = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return period.start === period.end ? instant(period.start) : `${instant(period.start)} to ${instant(period.end)}`;
}
