// The JSON format: a stable, versioned document for programs. Fields are only
// ever added; `formatVersion` changes if one is removed or changes meaning.
import {type PyValue, toPlain} from '../../../python/values.js';
import type {CaseResult} from '../../../testing/run.js';
import {shownPath} from '../paths.js';
import type {TestReport, TestReporter, ReporterOptions} from './types.js';

export const TEST_JSON_FORMAT_VERSION = 1;

export interface TestJsonCase {
  suite: string;
  name: string;
  file: string;
  line: number;
  status: 'passed' | 'failed' | 'skipped';
  skipReason?: string;
  durationMs: number;
  /** What enforcement produced; absent for a skipped case. */
  actual?: {result: 'pass' | 'fail'; gate: string | null; error: string | null; reason: string | null};
  mismatches: Array<{field: string; pointer?: string; relation: string; expected?: unknown; actual?: unknown}>;
}

/** A problem of a suite file that could not be loaded (the other suites ran). */
export interface TestJsonSuiteError {
  file: string;
  line?: number;
  column?: number;
  /** `UNREADABLE`, `SYNTAX`, `SCHEMA` or `INVALID_VALUE`. */
  code: string;
  message: string;
}

export interface TestJsonReport {
  formatVersion: typeof TEST_JSON_FORMAT_VERSION;
  tool: {name: 'aigc'; version: string};
  summary: {total: number; passed: number; failed: number; skipped: number; bailed: boolean; durationMs: number};
  suiteFiles: string[];
  cases: TestJsonCase[];
  suiteErrors: TestJsonSuiteError[];
}

export const jsonReporter: TestReporter = (report: TestReport, options: ReporterOptions): string =>
  `${JSON.stringify(testJsonReport(report, options), null, 2)}\n`;

export function testJsonReport(report: TestReport, options: Pick<ReporterOptions, 'cwd'>): TestJsonReport {
  const {summary} = report;
  return {
    formatVersion: TEST_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: report.toolVersion},
    summary: {
      total: summary.results.length,
      passed: summary.passed,
      failed: summary.failed,
      skipped: summary.skipped,
      bailed: summary.bailed,
      durationMs: round(summary.durationMs),
    },
    suiteFiles: report.suiteFiles.map((file) => shownPath(file, options.cwd)),
    cases: summary.results.map((result) => jsonCase(result, options.cwd)),
    suiteErrors: report.problems.map((problem) => ({
      file: shownPath(problem.file, options.cwd),
      ...(problem.line === undefined ? {} : {line: problem.line}),
      ...(problem.column === undefined ? {} : {column: problem.column}),
      code: problem.code,
      message: problem.message,
    })),
  };
}

function jsonCase(result: CaseResult, cwd?: string): TestJsonCase {
  const outcome = result.outcome;
  return {
    suite: result.case.suite,
    name: result.case.name,
    file: shownPath(result.case.file, cwd),
    line: result.case.line,
    status: result.status,
    ...(result.skipReason === undefined ? {} : {skipReason: result.skipReason}),
    durationMs: round(result.durationMs),
    ...(outcome === undefined ? {} : {actual: {result: outcome.result, gate: outcome.gate, error: outcome.error, reason: outcome.reason}}),
    mismatches: result.mismatches.map((mismatch) => ({
      field: mismatch.field,
      ...(mismatch.pointer === undefined ? {} : {pointer: mismatch.pointer}),
      relation: mismatch.relation,
      ...plainValue('expected', mismatch.expected),
      ...plainValue('actual', mismatch.actual),
    })),
  };
}

/** An absent value stays absent (distinct from `null`). */
function plainValue(key: string, value: PyValue | undefined): Record<string, unknown> {
  return value === undefined ? {} : {[key]: toPlain(value)};
}

function round(millis: number): number {
  return Math.round(millis * 1000) / 1000;
}
