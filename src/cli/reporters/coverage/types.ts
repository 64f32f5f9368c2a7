// What `aigc policy test --coverage` hands to its coverage reporters: the
// run's coverage, and the threshold it is held to. Every reporter is a pure
// `(report, options) => string`.
import type {CoverageReport} from '../../../testing/coverage/index.js';

export type {CoverageReport, ElementCoverage, FileCoverage, PolicyElement} from '../../../testing/coverage/index.js';

export interface CoverageReporterOptions {
  /** Paths are shown relative to this folder when below it. */
  cwd?: string;
  /** `--threshold`, in percent, when one was given. */
  threshold?: number;
  toolVersion: string;
}

export type CoverageReporter = (report: CoverageReport, options: CoverageReporterOptions) => string;
