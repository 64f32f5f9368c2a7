// The JSON format: the reference's report, byte for byte as its
// `json.dumps(report, indent=2, sort_keys=True)` prints it (keys sorted at
// every level, `\uXXXX` escapes, Python float text), plus the newline `print` adds.
import {pyJsonDumps} from '../../../canonical/dumps.js';
import {complianceReportDocument} from '../../../report/compliance.js';
import type {ComplianceReporter} from './types.js';

export const jsonReporter: ComplianceReporter = (report) =>
  `${pyJsonDumps(complianceReportDocument(report), {indent: 2, sortKeys: true, ensureAscii: true})}\n`;
