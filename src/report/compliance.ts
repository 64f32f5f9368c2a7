// The compliance report (version 1.0) the reference's `aigc compliance export`
// builds from JSONL audit trails: counts, compliance rate, failures by gate,
// a per-policy summary and, on request, the artifacts and their lineage.
//
// Streaming: artifacts are counted as they are read and then dropped; only
// `includeArtifacts` keeps them, and `lineage` keeps each artifact's key and
// parent keys, nothing more.

import {lineageKey, LineageGraph, declaredParents} from '../audit/lineage.js';
import type {JsonlRecord} from '../io/jsonl.js';
import {bestMatch, compileSchema, type CompiledSchema} from '../jsonschema/index.js';
import {pyRound} from '../python/format.js';
import {compareCodePoints} from '../python/semantics.js';
import {defineKey, dictGet, isDict, type PyDict, type PyValue, pyFloat} from '../python/values.js';
import {readShippedSchema} from '../schemas.js';
import type {SourceLocation} from '../source-location.js';

export const COMPLIANCE_REPORT_VERSION = '1.0';

/** One input trail: its name for messages and its records, in file order. */
export interface ComplianceSource {
  name: string;
  records: AsyncIterable<JsonlRecord>;
}

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

/** Why a line is not counted as an artifact. */
export type InvalidReason = 'json' | 'utf8' | 'too-long' | 'truncated' | 'not-object' | 'schema';

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
}

/** A valid artifact that cannot be placed in the lineage graph (no canonical form: NaN, Infinity, lone surrogates). */
export class ComplianceDataError extends Error {
  override name = 'ComplianceDataError';
  readonly code = 'COMPLIANCE_LINEAGE_KEY';
  constructor(
    message: string,
    /** The trail and the line of the artifact. */
    readonly sourceLocation: SourceLocation,
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }
}

let artifactSchema: CompiledSchema | undefined;

/** The shipped audit artifact schema, compiled once (Draft-07, no format checks, as `jsonschema.validate`). */
export function auditArtifactSchema(): CompiledSchema {
  artifactSchema ??= compileSchema(readShippedSchema('audit-artifact'), {defaultDraft: 'draft7'});
  return artifactSchema;
}

/** Reads every source in order and builds the report. */
export async function buildComplianceReport(sources: Iterable<ComplianceSource>, options: ComplianceOptions): Promise<ComplianceReport> {
  const tally = new ComplianceTally(options);
  for (const source of sources) {
    for await (const record of source.records) tally.addRecord(source.name, record);
  }
  return tally.report();
}

/** The running totals of a report; feed it records with `addRecord`, then take `report()`. */
export class ComplianceTally {
  private readonly schema = auditArtifactSchema();
  private readonly maxInvalidDetails: number;
  private total = 0;
  private passCount = 0;
  private failCount = 0;
  private invalidCount = 0;
  private readonly failureGates = new Map<string, number>();
  private readonly policies = new Map<string, PolicySummary>();
  private readonly invalidLines: InvalidLine[] = [];
  private readonly artifacts: PyDict[] | undefined;
  private readonly graph: LineageGraph | undefined;

  constructor(private readonly options: ComplianceOptions) {
    this.maxInvalidDetails = options.maxInvalidDetails ?? 50;
    this.artifacts = options.includeArtifacts ? [] : undefined;
    this.graph = options.lineage ? new LineageGraph() : undefined;
  }

  addRecord(source: string, record: JsonlRecord): void {
    if (record.kind === 'invalid') {
      this.invalid({source, line: record.line, reason: record.reason, message: record.message});
      return;
    }
    const artifact = record.value;
    if (!isDict(artifact)) {
      this.invalid({source, line: record.line, reason: 'not-object', message: 'not a JSON object'});
      return;
    }
    if (!this.schema.isValid(artifact)) {
      const error = bestMatch(this.schema.iterErrors(artifact));
      this.invalid({source, line: record.line, reason: 'schema', message: error?.message ?? 'not a valid audit artifact'});
      return;
    }
    this.addArtifact(source, record.line, artifact);
  }

  private invalid(line: InvalidLine): void {
    this.invalidCount++;
    if (this.invalidLines.length < this.maxInvalidDetails) this.invalidLines.push(line);
  }

  private addArtifact(source: string, line: number, artifact: PyDict): void {
    const result = dictGet(artifact, 'enforcement_result');
    const passed = result === 'PASS';
    this.total++;
    if (passed) this.passCount++;
    if (result === 'FAIL') {
      this.failCount++;
      const gate = gateKey(artifact);
      this.failureGates.set(gate, (this.failureGates.get(gate) ?? 0) + 1);
    }
    this.countForPolicy(artifact, passed);
    this.artifacts?.push(artifact);
    if (this.graph) this.addToLineage(source, line, artifact);
  }

  private countForPolicy(artifact: PyDict, passed: boolean): void {
    const policyFile = stringOr(dictGet(artifact, 'policy_file'), 'unknown');
    let policy = this.policies.get(policyFile);
    if (!policy) {
      policy = {policyFile, policyVersion: dictGet(artifact, 'policy_version') ?? null, passCount: 0, failCount: 0, failureGates: []};
      this.policies.set(policyFile, policy);
    }
    if (passed) {
      policy.passCount++;
      return;
    }
    policy.failCount++;
    const gate = dictGet(artifact, 'failure_gate');
    if (typeof gate === 'string' && gate !== '' && !policy.failureGates.includes(gate)) policy.failureGates.push(gate);
  }

  private addToLineage(source: string, line: number, artifact: PyDict): void {
    let key: string;
    try {
      key = lineageKey(artifact);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ComplianceDataError(`cannot compute the lineage key of this artifact: ${reason}`, {file: source, line}, {cause: error});
    }
    // The schema admits only lists of strings here, so this cannot throw for a valid artifact.
    this.graph?.addNode(key, declaredParents(artifact));
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
    };
    if (this.artifacts) report.artifacts = this.artifacts;
    if (this.graph) report.lineage = summarizeLineage(this.graph, this.total);
    return report;
  }
}

/** The summary key of a FAIL artifact's gate. */
function gateKey(artifact: PyDict): string {
  const gate = dictGet(artifact, 'failure_gate');
  if (gate === undefined) return 'unknown';
  if (gate === null) return 'null';
  return typeof gate === 'string' ? gate : String(gate);
}

function stringOr(value: PyValue | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : String(value);
}

function summarizeLineage(graph: LineageGraph, totalArtifacts: number): LineageSummary {
  return {
    totalNodes: graph.size,
    duplicateArtifacts: totalArtifacts - graph.size,
    roots: graph.rootKeys(),
    leaves: graph.leafKeys(),
    orphans: graph.orphanKeys(),
    hasCycle: graph.hasCycle(),
  };
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
