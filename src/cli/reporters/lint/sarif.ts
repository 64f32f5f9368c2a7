// The SARIF 2.1.0 format, uploadable to GitHub code scanning: one run whose
// driver is aigc with every rule that ran, and one result per finding located
// by a URI relative to the working folder and a 1-based region.
import type {Log, PhysicalLocation, ReportingDescriptor, Result} from 'sarif';
import {artifactUri} from '../paths.js';
import {allFindings, rulesOf} from './findings.js';
import type {LintFinding, LintReport, LintReporter, ReporterOptions} from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export const sarifReporter: LintReporter = (report: LintReport, options: ReporterOptions): string =>
  `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;

/** The SARIF log the format prints. */
export function sarifLog(report: LintReport, options: Pick<ReporterOptions, 'cwd'>): Log {
  const rules = rulesOf(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    shortDescription: {text: rule.description},
    defaultConfiguration: {level: rule.severity},
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'aigc', version: report.toolVersion, rules: descriptors}},
        // Columns come from JavaScript strings, so they count UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: allFindings(report).map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId)!, options.cwd)),
      },
    ],
  };
}

function sarifResult(finding: LintFinding, ruleIndex: number, cwd?: string): Result {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: {text: finding.message},
    locations: [{physicalLocation: physicalLocation(finding, cwd)}],
  };
}

function physicalLocation(finding: LintFinding, cwd?: string): PhysicalLocation {
  const artifactLocation = {uri: artifactUri(finding.file, cwd)};
  // Code scanning needs a line to show a result, so a whole-file finding points at 1:1.
  const range = finding.range ?? {start: {line: 1, column: 1}, end: {line: 1, column: 1}};
  return {
    artifactLocation,
    region: {
      startLine: range.start.line,
      startColumn: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
    },
  };
}
