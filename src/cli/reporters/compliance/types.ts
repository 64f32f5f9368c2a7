// What `aigc compliance export` hands to its reporters: the finished report.
// Every reporter is a pure `(report, options) => string`; none does I/O, and
// none colours (the json format is the reference's bytes; the others are files).
import type {ComplianceReport} from '../../../report/compliance.js';
import type {ReporterOptions} from '../registry.js';

export type ComplianceReporter = (report: ComplianceReport, options: ReporterOptions) => string;

export type {ComplianceReport};
