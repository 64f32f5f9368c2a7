// The compliance report (version 1.0) the reference's `aigc compliance export`
// builds from JSONL audit trails: counts, compliance rate, failures by gate,
// a per-policy summary and, on request, the artifacts and their lineage.
//
// Streaming: each line is classified (artifact-facts.ts) and counted here, in
// file order, then dropped; only `includeArtifacts` keeps the artifacts, and
// `lineage` keeps each artifact's key and parent keys (lineage-tally.ts).

import {pyRound} from '../python/format.js';
import {compareCodePoints} from '../python/semantics.js';
import {defineKey, type PyDict, type PyValue, pyFloat} from '../python/values.js';
import type {ArtifactFacts, InvalidReason, TrailLineFacts} from './artifact-facts.js';
import {ComplianceDataError} from './compliance-errors.js';
import {LineageTally} from './lineage-tally.js';
import type {TrailIntegrity} from './trail-integrity.js';

export type {InvalidReason} from './artifact-facts.js';
export {ComplianceDataError} from './compliance-errors.js';

export const COMPLIANCE_REPORT_VERSION = '1.0';

export interface ComplianceOptions {
  /** `source_file` of the report: the input as the user gave it. */
  sourceFile: string;
  /** Keep every valid artifact, in input order, for the report's `artifacts`. */
  includeArtifacts?: boolean;
  /** Build the lineage graph of the valid artifacts for the report's `lineage`. */
  lineage?: boolean;
  /** How many invalid lines to describe in `invalidLines` (all are counted); default 50. */
  maxInvalidDetails?: number;
}

export interface InvalidLine {
  source: string;
  line: number;
  reason: InvalidReason;
  message: string;
}

export interface PolicySummary {
  policyFile: string;
  /** `policy_version` of the first artifact seen for this policy file. */
  policyVersion: PyValue;
  passCount: number;
  /** Every artifact that is not PASS. */
  failCount: number;
  /** Distinct non-empty failure gates, in first-seen order. */
  failureGates: string[];
}

export interface LineageSummary {
  totalNodes: number;
  /** Valid artifacts that repeat an earlier one's lineage key. */
  duplicateArtifacts: number;
  roots: string[];
  leaves: string[];
  orphans: string[];
  hasCycle: boolean;
}

export interface ComplianceReport {
  version: string;
  sourceFile: string;
  /** Schema-valid artifacts. */
  totalArtifacts: number;
  passCount: number;
  failCount: number;
  invalidArtifacts: number;
  /** Percentage of PASS among valid artifacts, rounded to 2 places half-even; 0 when there are none. */
  complianceRate: number;
  /**
   * FAIL artifacts by `failure_gate`, in first-seen order: `"unknown"` when the
   * field is absent, `"null"` when it is null (the reference crashes when a
   * null gate is mixed with named ones; compatibility.md, difference 6).
   */
  failureGates: Map<string, number>;
  /** Sorted by `policyFile` in code point order. */
  policies: PolicySummary[];
  artifacts?: PyDict[];
  lineage?: LineageSummary;
  /** The first invalid lines, for diagnostics (`invalidArtifacts` counts them all). */
  invalidLines: InvalidLine[];
  /** The earliest and latest artifact `timestamp` (epoch seconds); null without artifacts. Not in the reference's JSON. */
  period: {start: number; end: number} | null;
  /** When the report was made (epoch seconds), as its maker says; not in the reference's JSON. */
  reportDate?: number;
  /**
   * Each input trail's integrity (chain and checkpoint verified or not), as its
   * maker checked it (`checkTrailIntegrity`); null when the trails were not read
   * (a dataset's report); not in the reference's JSON.
   */
  integrity?: TrailIntegrity[] | null;
}

/** The running totals of a report; feed it each line's facts with `add`, in file order, then take `report()`. */
export class ComplianceTally {
  private readonly maxInvalidDetails: number;
  private total = 0;
  private passCount = 0;
  private failCount = 0;
  private invalidCount = 0;
  private readonly failureGates = new Map<string, number>();
  private readonly policies = new Map<string, PolicySummary>();
  private readonly invalidLines: InvalidLine[] = [];
  private period: {start: number; end: number} | null = null;
  private readonly artifacts: PyDict[] | undefined;
  private readonly lineage: LineageTally | undefined;

  constructor(private readonly options: ComplianceOptions) {
    this.maxInvalidDetails = options.maxInvalidDetails ?? 50;
    this.artifacts = options.includeArtifacts ? [] : undefined;
    this.lineage = options.lineage ? new LineageTally() : undefined;
  }

  add(source: string, facts: TrailLineFacts): void {
    if (facts.kind === 'invalid') this.invalid({source, line: facts.line, reason: facts.reason, message: facts.message});
    else this.addArtifact(source, facts);
  }

  private invalid(line: InvalidLine): void {
    this.invalidCount++;
    if (this.invalidLines.length < this.maxInvalidDetails) this.invalidLines.push(line);
  }

  private addArtifact(source: string, facts: ArtifactFacts): void {
    const passed = facts.result === 'PASS';
    this.total++;
    if (passed) this.passCount++;
    if (facts.result === 'FAIL') {
      this.failCount++;
      const gate = gateKey(facts.gate);
      this.failureGates.set(gate, (this.failureGates.get(gate) ?? 0) + 1);
    }
    this.countForPolicy(facts, passed);
    if (facts.timestamp !== null) {
      if (this.period === null) this.period = {start: facts.timestamp, end: facts.timestamp};
      else this.period = {start: Math.min(this.period.start, facts.timestamp), end: Math.max(this.period.end, facts.timestamp)};
    }
    if (this.artifacts && facts.artifact) this.artifacts.push(facts.artifact);
    if (this.lineage && facts.lineage) {
      if ('keyError' in facts.lineage) {
        throw new ComplianceDataError(`cannot compute the lineage key of this artifact: ${facts.lineage.keyError}`, {file: source, line: facts.line});
      }
      this.lineage.add(facts.lineage.key, facts.lineage.parents, source, facts.line);
    }
  }

  private countForPolicy(facts: ArtifactFacts, passed: boolean): void {
    let policy = this.policies.get(facts.policyFile);
    if (!policy) {
      policy = {policyFile: facts.policyFile, policyVersion: facts.policyVersion, passCount: 0, failCount: 0, failureGates: []};
      this.policies.set(facts.policyFile, policy);
    }
    if (passed) {
      policy.passCount++;
      return;
    }
    policy.failCount++;
    const gate = facts.gate;
    if (typeof gate === 'string' && gate !== '' && !policy.failureGates.includes(gate)) policy.failureGates.push(gate);
  }

  report(): ComplianceReport {
    const report: ComplianceReport = {
      version: COMPLIANCE_REPORT_VERSION,
      sourceFile: this.options.sourceFile,
      totalArtifacts: this.total,
      passCount: this.passCount,
      failCount: this.failCount,
      invalidArtifacts: this.invalidCount,
      complianceRate: this.total === 0 ? 0 : pyRound((this.passCount / this.total) * 100, 2),
      failureGates: new Map(this.failureGates),
      policies: [...this.policies.values()].sort((a, b) => compareCodePoints(a.policyFile, b.policyFile)),
      invalidLines: [...this.invalidLines],
      period: this.period,
    };
    if (this.artifacts) report.artifacts = this.artifacts;
    if (this.lineage) {
      const {totalNodes, roots, leaves, orphans, hasCycle} = this.lineage.counts();
      report.lineage = {totalNodes, duplicateArtifacts: this.total - totalNodes, roots, leaves, orphans, hasCycle};
    }
    return report;
  }
}

/** The summary key of a FAIL artifact's gate. */
function gateKey(gate: PyValue | undefined): string {
  if (gate === undefined) return 'unknown';
  if (gate === null) return 'null';
  return typeof gate === 'string' ? gate : String(gate);
}

/**
 * The report as the reference's dict: snake_case keys, the rate as a Python
 * float. Serialize with `json.dumps(indent=2, sort_keys=True)` semantics.
 */
export function complianceReportDocument(report: ComplianceReport): PyDict {
  const document: PyDict = {
    compliance_report_version: report.version,
    source_file: report.sourceFile,
    total_artifacts: report.totalArtifacts,
    pass_count: report.passCount,
    fail_count: report.failCount,
    invalid_artifacts: report.invalidArtifacts,
    compliance_rate: pyFloat(report.complianceRate),
    failure_gates_summary: dictOf(report.failureGates),
    policies: report.policies.map((policy) => ({
      policy_file: policy.policyFile,
      policy_version: policy.policyVersion,
      pass_count: policy.passCount,
      fail_count: policy.failCount,
      failure_gates: [...policy.failureGates],
    })),
  };
  if (report.artifacts) document.artifacts = report.artifacts;
  if (report.lineage) {
    const lineage = report.lineage;
    document.lineage = {
      total_nodes: lineage.totalNodes,
      duplicate_artifacts: lineage.duplicateArtifacts,
      root_count: lineage.roots.length,
      leaf_count: lineage.leaves.length,
      orphan_count: lineage.orphans.length,
      has_cycle: lineage.hasCycle,
      roots: [...lineage.roots],
      leaves: [...lineage.leaves],
      orphans: [...lineage.orphans],
    };
  }
  return document;
}

function dictOf(counts: Map<string, number>): PyDict {
  const dict: PyDict = {};
  for (const [key, count] of counts) defineKey(dict, key, count);
  return dict;
}
