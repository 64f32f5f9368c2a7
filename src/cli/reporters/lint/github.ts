// The GitHub Actions format: one workflow command per finding
// (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`),
// which the runner turns into annotations on the pull request. A clean run prints nothing.
import {displayPath} from '../paths.js';
import {allFindings} from './findings.js';
import type {LintFinding, LintReport, LintReporter, ReporterOptions} from './types.js';

export const githubReporter: LintReporter = (report: LintReport, options: ReporterOptions): string =>
  allFindings(report)
    .map((finding) => `${workflowCommand(finding, options.cwd)}\n`)
    .join('');

function workflowCommand(finding: LintFinding, cwd?: string): string {
  const properties: [string, string | number][] = [['file', displayPath(finding.file, cwd)]];
  const range = finding.range;
  if (range !== undefined) {
    properties.push(['line', range.start.line]);
    // GitHub accepts columns only for a range on a single line.
    if (range.start.line === range.end.line) {
      properties.push(['col', range.start.column], ['endLine', range.end.line], ['endColumn', range.end.column]);
    } else {
      properties.push(['endLine', range.end.line]);
    }
  }
  properties.push(['title', finding.ruleId]);
  const rendered = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${finding.severity} ${rendered}::${escapeData(finding.message)}`;
}

/** Escapes a command's message as the runner expects (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a command property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
