// The TAP format (version 14, readable by TAP 13 consumers): one test point
// per case, a YAML diagnostic block under a failing one with its location and
// the expected and actual values, `# SKIP` directives, and the plan at the end.
import {pyJsonDumps} from '../../../canonical/dumps.js';
import type {PyValue} from '../../../python/values.js';
import type {CaseResult} from '../../../testing/run.js';
import {shownPath} from '../paths.js';
import {caseTitle, closingLine, mismatchRow, problemLine} from './describe.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const tapReporter: TestReporter = (report: TestReport, options: ReporterOptions): string => {
  const lines = ['TAP version 14'];
  // A suite file that could not be loaded is a failing test point of its own, with each of its problems; the other suites still ran.
  const files = [...new Set(report.problems.map((problem) => problem.file))];
  for (const [index, file] of files.entries()) {
    const problems = report.problems.filter((problem) => problem.file === file);
    lines.push(`not ok ${index + 1} - ${escapeDescription(`load the suite ${shownPath(file, options.cwd)}`)}`, '  ---', '  problems:');
    lines.push(...problems.map((problem) => `    - ${yamlString(problemLine(problem, options.cwd))}`), '  ...');
  }
  for (const [index, result] of report.summary.results.entries()) lines.push(...testPoint(result, files.length + index + 1, options.cwd));
  if (report.summary.bailed) lines.push('Bail out! stopped after the first failing case (--bail)');
  lines.push(`1..${files.length + report.summary.results.length}`, `# ${closingLine(report.summary, report.problems)}`);
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
