// What `aigc chain verify` hands to its reporters: the engine's report, as is.
// Every reporter is a pure `(report, options) => string`.
import type {VerifyReport} from '../../../audit/verify/index.js';
import type {ReporterOptions} from '../registry.js';

export type VerifyReporter = (report: VerifyReport, options: ReporterOptions) => string;

export type {ChainSummary, FileVerifyResult, ShownValue, VerifyProblem, VerifyReport} from '../../../audit/verify/index.js';

export type {ReporterOptions};
