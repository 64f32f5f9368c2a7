// The SARIF 2.1.0 format, uploadable to GitHub code scanning: one run whose
// driver is aigc with every rule that ran, and one result per finding located
// by a URI relative to the working folder and a 1-based region.
import type {Log, PhysicalLocation, ReportingDescriptor, Result} from 'sarif';
import {artifactUri} from '../paths.js';
import {LineIndex} from '../../../policy/yaml/positions.js';
import {ruleHelpUri} from '../../../policy/lint/rules.js';
import {rulesOf} from './findings.js';
import type {LintFinding, LintReport, LintReporter, ReporterOptions, SourcePoint} from './types.js';

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
    ...(rule.explanation === undefined ? {} : {fullDescription: {text: rule.explanation}, helpUri: ruleHelpUri(rule.id)}),
    defaultConfiguration: {level: rule.severity},
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'aigc', version: report.toolVersion, rules: descriptors}},
        // Findings count columns in code points; GitHub code scanning reads UTF-16 code units, so they are converted.
        columnKind: 'utf16CodeUnits',
        results: report.files.flatMap((file) => {
          const lines = file.source === undefined ? undefined : new LineIndex(file.source);
          const results = file.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId)!, lines, options.cwd));
          // A suppressed finding is a result with an in-source suppression: code scanning shows it as dismissed, with its reason.
          for (const finding of file.suppressed ?? []) {
            const result = sarifResult(finding, ruleIndex.get(finding.ruleId)!, lines, options.cwd);
            results.push({...result, suppressions: [{kind: 'inSource', justification: finding.justification}]});
          }
          return results;
        }),
      },
    ],
  };
}

function sarifResult(finding: LintFinding, ruleIndex: number, lines: LineIndex | undefined, cwd?: string): Result {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: {text: finding.message},
    locations: [{physicalLocation: physicalLocation(finding, lines, cwd)}],
  };
}

function physicalLocation(finding: LintFinding, lines: LineIndex | undefined, cwd?: string): PhysicalLocation {
  const artifactLocation = {uri: artifactUri(finding.file, cwd)};
  // Code scanning needs a line to show a result, so a whole-file finding points at 1:1.
  const range = finding.range ?? {start: {line: 1, column: 1}, end: {line: 1, column: 1}};
  const column = (point: SourcePoint) => lines?.utf16Column(point) ?? point.column;
  return {
    artifactLocation,
    region: {
      startLine: range.start.line,
      startColumn: column(range.start),
      endLine: range.end.line,
      endColumn: column(range.end),
    },
  };
}
