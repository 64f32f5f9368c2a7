// What `aigc chain verify` hands to its reporters: the engine's report, as is.
// Every reporter is a pure `(report, options) => string`.
import type {VerifyReport} from '../../../audit/verify/index.js';

export interface VerifyReporterOptions {
  /** Colour the output (only the pretty format uses it; the caller decides, see `src/cli/color.ts`). */
  color: boolean;
  /** Paths are shown relative to this folder when given. */
  cwd?: string;
}

export type VerifyReporter = (report: VerifyReport, options: VerifyReporterOptions) => string;

export type {ChainSummary, FileVerifyResult, ShownValue, VerifyProblem, VerifyReport} from '../../../audit/verify/index.js';
