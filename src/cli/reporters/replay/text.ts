// The plain format: one line per fixture; under a mismatch, the differing
// fields as JSON pointers (`/failure_gate: "role_validation" → "precondition_validation"`);
// under `--policy`, the summary of changed verdicts; then `N passed, N failed`.
import {Chalk, type ChalkInstance} from 'chalk';
import {formatFieldDiff} from '../../../testing/compare.js';
import type {VerdictChangeSummary} from '../../../testing/replay/replay.js';
import {shownPath} from '../paths.js';
import type {ReplayReport, ReplayReportEntry, ReplayReporter, ReporterOptions} from './types.js';

export const textReporter: ReplayReporter = (report: ReplayReport, options: ReporterOptions): string => {
  const paint = new Chalk({level: options.color ? 1 : 0});
  const lines = report.entries.flatMap((entry) => entryLines(entry, paint, options.cwd));
  if (report.policyChange) lines.push('', ...policyChangeLines(report.policyChange.policy, report.policyChange.summary, options.cwd));
  lines.push(paint.bold(closingLine(report)));
  return `${lines.join('\n')}\n`;
};

const MARKS: Record<ReplayReportEntry['outcome'], (paint: ChalkInstance) => string> = {
  passed: (paint) => paint.green('ok     '),
  failed: (paint) => paint.red('FAIL   '),
  missing: (paint) => paint.red('MISSING'),
  written: (paint) => paint.cyan('written'),
  updated: (paint) => paint.yellow('updated'),
};

function entryLines(entry: ReplayReportEntry, paint: ChalkInstance, cwd?: string): string[] {
  const {fixture, diffs} = entry.result;
  const where = fixture.line === undefined ? shownPath(fixture.file, cwd) : `${shownPath(fixture.file, cwd)}:${fixture.line}`;
  // Only our shape names its fixtures; the others are known by file (and line).
  const label = fixture.shape === 'ours' ? `${fixture.name}  ${paint.dim(where)}` : where;
  const head = `${MARKS[entry.outcome](paint)}  ${label}`;
  if (entry.result.problem !== undefined) return [head, `         ${entry.result.problem}`];
  if (entry.outcome === 'missing') return [head, `         no expectation to compare with (${missingHint(entry)})`];
  if (entry.outcome !== 'failed' && entry.outcome !== 'updated') return [head];
  return [head, ...diffs.map((diff) => `         ${formatFieldDiff(diff)}`)];
}

function missingHint(entry: ReplayReportEntry): string {
  if (entry.result.fixture.shape === 'reference-bare') return 'give --expected FILE';
  return 'run `aigc replay --update=new` to record one';
}

function policyChangeLines(policy: string, summary: VerdictChangeSummary, cwd?: string): string[] {
  const byGate = Object.entries(summary.newFailuresByGate)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([gate, count]) => `${gate} ${count}`)
    .join(', ');
  const lines = [
    `with policy ${shownPath(policy, cwd)}: ${summary.changed.length} of ${summary.compared} verdicts changed`,
    `  PASS → FAIL: ${summary.passToFail}${byGate === '' ? '' : ` (${byGate})`}`,
    `  FAIL → PASS: ${summary.failToPass}`,
    `  FAIL at another gate: ${summary.gateChanged}`,
  ];
  for (const result of summary.changed) {
    const before = result.expectedVerdict!;
    const after = result.verdict!;
    const show = (verdict: typeof after) => (verdict.result === 'FAIL' && verdict.gate ? `FAIL (${verdict.gate})` : verdict.result);
    lines.push(`  ${result.fixture.name}: ${show(before)} → ${show(after)}`);
  }
  return lines;
}

/** `N passed, N failed`, then `, N written` and `, N updated` when `--update` wrote any. */
export function closingLine(report: Pick<ReplayReport, 'passed' | 'failed' | 'written' | 'updated'>): string {
  const written = report.written > 0 ? `, ${report.written} written` : '';
  const updated = report.updated > 0 ? `, ${report.updated} updated` : '';
  return `${report.passed} passed, ${report.failed} failed${written}${updated}`;
}
