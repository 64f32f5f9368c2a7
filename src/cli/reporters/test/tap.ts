// The TAP format (version 14, readable by TAP 13 consumers): one test point
// per case, a YAML diagnostic block under a failing one with its location and
// the expected and actual values, `# SKIP` directives, and the plan at the end.
import {pyJsonDumps} from '../../../canonical/dumps.js';
import type {PyValue} from '../../../python/values.js';
import type {CaseResult} from '../../../testing/run.js';
import {shownPath} from '../paths.js';
import {caseTitle, closingLine, mismatchRow, problemLine, problemsClosingLine} from './describe.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const tapReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  const lines = ['TAP version 14'];
  if (report.problems.length > 0) {
    // Nothing ran: each problem as a comment, then a bail-out, which a TAP consumer reports as a failed run.
    lines.push(...report.problems.map((problem) => `# ${escapeDirective(problemLine(problem, options.cwd))}`), `Bail out! ${problemsClosingLine(report.problems)}`);
    return `${lines.join('\n')}\n`;
  }
  for (const [index, result] of report.summary.results.entries()) lines.push(...testPoint(result, index + 1, options.cwd));
  if (report.summary.bailed) lines.push('Bail out! stopped after the first failing case (--bail)');
  lines.push(`1..${report.summary.results.length}`, `# ${closingLine(report.summary)}`);
  return `${lines.join('\n')}\n`;
};

function testPoint(result: CaseResult, number: number, cwd?: string): string[] {
  const description = escapeDescription(caseTitle(result));
  if (result.status === 'skipped') return [`ok ${number} - ${description} # SKIP ${escapeDirective(result.skipReason ?? '')}`.trimEnd()];
  if (result.status === 'passed') return [`ok ${number} - ${description}`];
  const diagnostics = [
    '  ---',
    `  at: ${yamlString(`${shownPath(result.case.file, cwd)}:${result.case.line}`)}`,
    `  file: ${yamlString(shownPath(result.case.file, cwd))}`,
    `  line: ${result.case.line}`,
    '  mismatches:',
    ...result.mismatches.flatMap((mismatch) => {
      const row = mismatchRow(mismatch);
      const entry = [`    - field: ${yamlString(row.field)}`, `      relation: ${mismatch.relation}`];
      if (mismatch.expected !== undefined) entry.push(`      expected: ${yamlValue(mismatch.expected)}`);
      if (mismatch.actual !== undefined) entry.push(`      actual: ${yamlValue(mismatch.actual)}`);
      return entry;
    }),
    '  ...',
  ];
  return [`not ok ${number} - ${description}`, ...diagnostics];
}

/** `#` starts a directive and `\` escapes in a TAP description. */
function escapeDescription(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('#', '\\#').replace(/\r?\n/g, ' ');
}

function escapeDirective(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

/** A double-quoted YAML scalar (JSON string syntax is valid YAML). */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** A value as YAML: its JSON text, in flow style (JSON is YAML), so a consumer reads back the value itself. */
function yamlValue(value: PyValue): string {
  const text = pyJsonDumps(value);
  // Python's JSON spells the non-finite floats as YAML would read strings.
  return text === 'NaN' ? '.nan' : text === 'Infinity' ? '.inf' : text === '-Infinity' ? '-.inf' : text;
}
