// The numbers the human-readable formats (markdown, HTML) show, worked out
// once so both say the same thing: rates as the JSON report writes them,
// per-policy rates, and failure gates from most to least frequent.
import {verifierKeyLabel} from '../../../audit/tlog/keys.js';
import type {ComplianceReport, PolicySummary} from '../../../report/compliance.js';
import type {ChainIntegrity, CheckpointIntegrity, TrailIntegrity} from '../../../report/trail-integrity.js';
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
  return period.start === period.end ? instantText(period.start) : `${instantText(period.start)} to ${instantText(period.end)}`;
}

/** The report date, to the second (UTC). */
export function instantText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One input's integrity in words, for both human formats: each verdict and its plain-text detail. */
export interface IntegrityRow {
  trail: string;
  chain: {verdict: ChainIntegrity['status']; text: string};
  checkpoint: {verdict: CheckpointIntegrity['status']; text: string};
}

export function integrityRows(integrity: readonly TrailIntegrity[]): IntegrityRow[] {
  return integrity.map(({name, chain, checkpoint}) => ({trail: name, chain: {verdict: chain.status, text: chainText(chain)}, checkpoint: {verdict: checkpoint.status, text: checkpointText(checkpoint)}}));
}

function chainText(chain: ChainIntegrity): string {
  const signatures = chain.signaturesChecked ? 'every HMAC signature' : 'signatures not checked (no --key-env)';
  switch (chain.status) {
    case 'verified':
      return `verified: ${countOf(chain.artifacts, 'artifact')}, indexes, links and checksums; ${signatures}`;
    case 'failed': {
      const first = chain.problem;
      const where = first === undefined ? '' : `; first: ${first.code}${first.line === null ? '' : ` at line ${first.line}`}`;
      return `FAILED: ${countOf(chain.problemCount, 'problem')}${where}`;
    }
    case 'unchained':
      return `not a hash chain: none of its ${countOf(chain.artifacts, 'artifact')} has a chain_id (written without --chain)`;
    default:
      return 'not checked: read from stdin or a pipe, which cannot be read again';
  }
}

function checkpointText(checkpoint: CheckpointIntegrity): string {
  const size = checkpoint.size === undefined ? '' : ` of ${countText(checkpoint.size)} ${checkpoint.size === 1 ? 'leaf' : 'leaves'}`;
  switch (checkpoint.status) {
    case 'none':
      return 'none (no --checkpoint, no TRAIL.checkpoint beside it)';
    case 'unchecked':
      return `${checkpoint.source}${size}: not verified (no --pubkey)`;
    case 'verified':
      return `verified: ${checkpoint.source}${size}, signed by ${verifierKeyLabel(checkpoint.logKey ?? '')}`;
    default:
      return `FAILED: ${checkpoint.code}: ${checkpoint.message} (${checkpoint.source})`;
  }
}
