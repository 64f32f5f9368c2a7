// Wording shared by the test reporters and the live view: a case's title and
// location, its mismatches as expected/actual rows, and the closing line.
import {formatValue} from '../../../testing/compare.js';
import type {TestingFileError} from '../../../testing/errors.js';
import type {Mismatch} from '../../../testing/expectations.js';
import type {CaseResult, RunSummary} from '../../../testing/run.js';
import {shownPath} from '../paths.js';

/** `suite › case`. */
export function caseTitle(result: CaseResult): string {
  return `${result.case.suite} › ${result.case.name}`;
}

/** `file:line` of the case, relative to `cwd` when below it. */
export function caseLocation(result: CaseResult, cwd?: string): string {
  return `${shownPath(result.case.file, cwd)}:${result.case.line}`;
}

export interface MismatchRow {
  /** `result`, `gate`, `error`, `error_type`, `reason`, or `artifact /pointer`. */
  field: string;
  expected: string;
  actual: string;
}

export function mismatchRow(mismatch: Mismatch): MismatchRow {
  const field = mismatch.field === 'artifact' ? `artifact ${mismatch.pointer === '' ? '/' : mismatch.pointer}` : mismatch.field;
  let expected = formatValue(mismatch.expected);
  if (mismatch.relation === 'contains') expected = `contains ${expected}`;
  else if (mismatch.relation === 'matches') expected = `matches ${String(mismatch.expected)}`;
  else if (mismatch.relation === 'instance-of') expected = `instance of ${String(mismatch.expected)}`;
  return {field, expected, actual: formatValue(mismatch.actual)};
}

/** The expected and actual values side by side, one row per field, under a header row. */
export function mismatchTable(mismatches: readonly Mismatch[], indent = '    '): string[] {
  const rows = mismatches.map(mismatchRow);
  const header: MismatchRow = {field: 'field', expected: 'expected', actual: 'actual'};
  const fieldWidth = Math.max(...[header, ...rows].map((row) => row.field.length));
  const expectedWidth = Math.min(48, Math.max(...[header, ...rows].map((row) => row.expected.length)));
  return [header, ...rows].map((row) => `${indent}${row.field.padEnd(fieldWidth)}  ${row.expected.padEnd(expectedWidth)}  ${row.actual}`.trimEnd());
}

/**
 * For a case expected to pass that failed: where and why it failed
 * (`failed at role_validation (GovernanceViolationError): Unauthorized role 'intern'`),
 * which the mismatch table alone (expected "pass", actual "fail") does not say.
 */
export function unexpectedFailure(result: CaseResult): string | undefined {
  const outcome = result.outcome;
  if (outcome === undefined || outcome.result !== 'fail') return undefined;
  if (!result.mismatches.some((mismatch) => mismatch.field === 'result' && mismatch.expected === 'pass')) return undefined;
  const error = outcome.error === null ? '' : ` (${outcome.error})`;
  const reason = outcome.reasonInFull === null ? '' : `: ${outcome.reasonInFull}`;
  return `failed at ${outcome.gate ?? 'an unknown gate'}${error}${reason}`;
}

/** The mismatch table, then the unexpected failure's gate and reason when there is one. */
export function mismatchDetails(result: CaseResult, indent = '    '): string[] {
  const note = unexpectedFailure(result);
  return [...mismatchTable(result.mismatches, indent), ...(note === undefined ? [] : [`${indent}${note}`])];
}

/** One line: the first mismatch, for headlines (JUnit messages, annotations). */
export function mismatchHeadline(mismatches: readonly Mismatch[]): string {
  const first = mismatches[0];
  if (first === undefined) return 'failed';
  const row = mismatchRow(first);
  const more = mismatches.length > 1 ? ` (and ${mismatches.length - 1} more)` : '';
  return `${row.field}: expected ${row.expected}, got ${row.actual}${more}`;
}

/** `N passed, N failed`, then `, N skipped` when any were skipped and `, N suite files not loaded` when any could not be. */
export function closingLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>, problems: readonly TestingFileError[] = []): string {
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
  const files = new Set(problems.map((problem) => problem.file)).size;
  const errored = files > 0 ? `, ${files} suite file${files === 1 ? '' : 's'} not loaded` : '';
  return `${summary.passed} passed, ${summary.failed} failed${skipped}${errored}`;
}

/** `file:line:column: message` of a suite that could not be loaded, the file relative to `cwd` when below it. */
export function problemLine(problem: TestingFileError, cwd?: string): string {
  return `${problemLocation(problem, cwd)}: ${problem.message}`;
}

export function problemLocation(problem: TestingFileError, cwd?: string): string {
  const file = shownPath(problem.file, cwd);
  if (problem.line === undefined) return file;
  return problem.column === undefined ? `${file}:${problem.line}` : `${file}:${problem.line}:${problem.column}`;
}
