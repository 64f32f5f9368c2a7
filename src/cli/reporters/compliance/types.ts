// What `aigc compliance export` hands to its reporters: the finished report.
// Every reporter is a pure `(report) => string`; none does I/O.
import type {ComplianceReport} from '../../../report/compliance.js';

export type ComplianceReporter = (report: ComplianceReport) => string;

export type {ComplianceReport};
