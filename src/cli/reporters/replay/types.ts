// What `aigc replay` hands to its reporters. Every reporter is a pure
// `(report, options) => string`.
import type {ReporterOptions} from '../registry.js';
import type {ReplayResult, VerdictChangeSummary} from '../../../testing/replay/replay.js';

/** How a fixture came out: `written`/`updated` when `--update` wrote its expectation. */
export type ReplayOutcome = 'passed' | 'failed' | 'missing' | 'written' | 'updated';

export interface ReplayReportEntry {
  result: ReplayResult;
  outcome: ReplayOutcome;
}

export interface ReplayReport {
  entries: ReplayReportEntry[];
  passed: number;
  /** Mismatches, and fixtures without an expectation that nothing was written for. */
  failed: number;
  written: number;
  updated: number;
  /** `--policy FILE`: the substituted policy and how verdicts changed under it. */
  policyChange?: {policy: string; summary: VerdictChangeSummary};
  toolVersion: string;
}

export type ReplayReporter = (report: ReplayReport, options: ReporterOptions) => string;

export type {ReporterOptions};
