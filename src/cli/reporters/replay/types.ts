// What `aigc replay` hands to its reporters. Every reporter is a pure
// `(report, options) => string`.
import type {ReporterOptions} from '../registry.js';
import type {DecisionChangeSummary} from '../../../testing/replay/changes.js';
import type {ReplayResult} from '../../../testing/replay/types.js';

/**
 * How a fixture came out: `written`/`updated` when `--update` wrote its
 * expectation; `changed` when its decision differs by its reason only;
 * `unreplayable` when its recorded decision could not be replayed.
 */
export type ReplayOutcome = 'passed' | 'failed' | 'missing' | 'written' | 'updated' | 'changed' | 'unreplayable';

export interface ReplayReportEntry {
  result: ReplayResult;
  outcome: ReplayOutcome;
}

export interface ReplayReport {
  entries: ReplayReportEntry[];
  passed: number;
  /** Mismatches (flipped decisions among them), and fixtures without an expectation that nothing was written for. */
  failed: number;
  written: number;
  updated: number;
  /** Decisions that differ by their reason only. */
  changed: number;
  unreplayable: number;
  /** When decisions were compared (`--policy`, or trail artifacts): how they changed. */
  decisions?: {
    summary: DecisionChangeSummary;
    /** `--policy` mappings that applied to no record. */
    warnings: string[];
    /** Trail artifacts replayed as the records that hold them. */
    coveredByRecords: number;
  };
  toolVersion: string;
}

export type ReplayReporter = (report: ReplayReport, options: ReporterOptions) => string;

export type {ReporterOptions};
