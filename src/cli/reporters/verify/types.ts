// What `aigc chain verify` hands to its reporters: the engine's report, as is,
// with the checkpoints' verdicts when --checkpoint was given (then `valid`
// covers them too). Every reporter is a pure `(report, options) => string`.
import type {CheckpointVerification} from '../../../audit/tlog/log.js';
import type {VerifyReport} from '../../../audit/verify/index.js';
import type {ReporterOptions} from '../registry.js';

/** The checkpoints checked against one trail (`--checkpoint`). */
export interface CheckpointsCheck {
  file: string;
  /** Leaves read (up to the largest checkpoint's size). */
  leavesRead: number;
  results: CheckpointVerification[];
}

export interface ChainVerifyReport extends VerifyReport {
  checkpoints?: CheckpointsCheck;
}

export type VerifyReporter = (report: ChainVerifyReport, options: ReporterOptions) => string;

export type {CheckpointVerification};
export type {ChainSummary, FileVerifyResult, ShownValue, VerifyProblem, VerifyReport} from '../../../audit/verify/index.js';

export type {ReporterOptions};
