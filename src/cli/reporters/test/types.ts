// What `aigc policy test` hands to its reporters: the run's results and
// counts. Every reporter is a pure `(report, options) => string`.
import type {ReporterOptions} from '../registry.js';
import type {TestingFileError} from '../../../testing/errors.js';
import type {RunSummary} from '../../../testing/run.js';

export interface TestReport {
  summary: RunSummary;
  /** Suite files loaded, in order. */
  suiteFiles: string[];
  /**
   * The problems of suite files that could not be loaded (unreadable or
   * malformed), every one of each file; the other suites ran. The human
   * formats tell these on stderr and count them in the closing line; the
   * machine formats carry them, so a CI consumer sees why the run failed.
   */
  problems: readonly TestingFileError[];
  toolVersion: string;
}

export type TestReporter = (report: TestReport, options: ReporterOptions) => string;

export type {ReporterOptions};
