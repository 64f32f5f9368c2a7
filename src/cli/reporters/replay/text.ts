// The plain format: one line per fixture; under a mismatch, the differing
// fields as JSON pointers (`/failure_gate: "role_validation" → "precondition_validation"`);
// when decisions were compared (`--policy`, audit trails), the summary of how
// they changed; then `N passed, N failed`.
import {Chalk, type ChalkInstance} from 'chalk';
import {isDict} from '../../../python/values.js';
import {formatFieldDiff, formatValue} from '../../../testing/compare.js';
import type {ChangeCounts, GateChange, MappingUse} from '../../../testing/replay/changes.js';
import {unreplayablePhrase} from '../../../testing/replay/trail.js';
import type {DecisionChange, ReplayResult, ReplayVerdict, UnreplayableReason} from '../../../testing/replay/types.js';
import {shownPath} from '../paths.js';
import type {ReplayReport, ReplayReportEntry, ReplayReporter, ReporterOptions} from './types.js';

export const textReporter: ReplayReporter = (report: ReplayReport, options: ReporterOptions): string => {
  const paint = new Chalk({level: options.color ? 1 : 0});
  const lines = report.entries.flatMap((entry) => entryLines(entry, paint, options.cwd));
  if (report.decisions) lines.push('', ...decisionLines(report.decisions, paint, options.cwd));
  lines.push(paint.bold(closingLine(report)));
  return `${lines.join('\n')}\n`;
};

const MARKS: Record<ReplayReportEntry['outcome'], (paint: ChalkInstance) => string> = {
  passed: (paint) => paint.green('ok     '),
  failed: (paint) => paint.red('FAIL   '),
  missing: (paint) => paint.red('MISSING'),
  written: (paint) => paint.cyan('written'),
  updated: (paint) => paint.yellow('updated'),
  changed: (paint) => paint.yellow('changed'),
  unreplayable: (paint) => paint.dim('n/a    '),
};

function entryLines(entry: ReplayReportEntry, paint: ChalkInstance, cwd?: string): string[] {
  const {fixture, diffs} = entry.result;
  const where = locationOf(entry.result, cwd);
  // Only our shape names its fixtures; the others are known by file (and line).
  const label = fixture.shape === 'ours' ? `${fixture.name}  ${paint.dim(where)}` : where;
  const head = `${MARKS[entry.outcome](paint)}  ${label}`;
  if (entry.result.problem !== undefined) return [head, `         ${entry.result.problem}`];
  if (entry.result.unreplayable !== undefined) return [head, `         not replayable: ${entry.result.unreplayable.message}`];
  if (entry.outcome === 'missing') return [head, `         no expectation to compare with (${missingHint(entry)})`];
  if (entry.outcome !== 'failed' && entry.outcome !== 'updated' && entry.outcome !== 'changed') return [head];
  return [head, ...diffs.map((diff) => `         ${formatFieldDiff(diff)}`)];
}

function locationOf(result: ReplayResult, cwd?: string): string {
  const {fixture} = result;
  return fixture.line === undefined ? shownPath(fixture.file, cwd) : `${shownPath(fixture.file, cwd)}:${fixture.line}`;
}

function missingHint(entry: ReplayReportEntry): string {
  if (entry.result.fixture.shape === 'reference-bare') return 'give --expected FILE';
  return 'run `aigc replay --update=new` to record one';
}

const CHANGE_LABELS: Record<DecisionChange, string> = {
  pass_to_fail: 'PASS → FAIL',
  fail_to_pass: 'FAIL → PASS',
  gate_changed: 'FAIL at another gate',
  reason_changed: 'reason changed only',
};

const CHANGES = Object.keys(CHANGE_LABELS) as DecisionChange[];

/** Changed decisions recapped at the end at most; every one has its own lines above. */
const RECAP_LINES = 20;

function decisionLines(decisions: NonNullable<ReplayReport['decisions']>, paint: ChalkInstance, cwd?: string): string[] {
  const {summary} = decisions;
  const lines = summary.mappings.map(mappingLine);
  for (const warning of decisions.warnings) lines.push(paint.yellow(`warning: ${warning}`));
  const changed = summary.changed.length;
  const reasonOnly = summary.counts.reason_changed;
  const notReplayable = summary.unreplayable.count > 0 ? `, ${summary.unreplayable.count} not replayable` : '';
  lines.push(
    paint.bold(
      `${changed} of ${summary.compared} decisions changed (${summary.flipped} flipped, ${reasonOnly} by the reason only), ${summary.unchanged} unchanged${notReplayable}`,
    ),
  );
  for (const change of CHANGES) lines.push(`  ${CHANGE_LABELS[change]}: ${summary.counts[change]}${gateDetail(summary.byGate, change)}`);
  if (summary.byRole.length > 0) lines.push(`  by role: ${summary.byRole.map((role) => `${shown(role.role ?? '(no role)')} ${role.changed} (${countsText(role.counts)})`).join('; ')}`);
  if (summary.byPolicy.length > 0) {
    lines.push('  by policy:');
    for (const policy of summary.byPolicy) {
      const against = policy.replacedBy === null || policy.replacedBy === policy.policy ? '' : ` replayed against ${shown(policy.replacedBy)}`;
      const counts = policy.changed > 0 ? ` (${countsText(policy.counts)})` : '';
      const unreplayable = policy.unreplayable > 0 ? `, ${policy.unreplayable} not replayable` : '';
      lines.push(`    ${shown(policy.policy)}${against}: ${policy.changed} of ${policy.compared} changed${counts}${unreplayable}`);
    }
  }
  if (summary.unreplayable.count > 0) {
    lines.push(`  not replayable: ${summary.unreplayable.count}`);
    for (const [reason, count] of Object.entries(summary.unreplayable.byReason) as [UnreplayableReason, number][]) {
      lines.push(`    ${count} ${unreplayablePhrase(reason)}`);
    }
  }
  if (decisions.coveredByRecords > 0) lines.push(`  ${decisions.coveredByRecords} trail artifact(s) replayed as the records that hold them`);
  if (changed > 0) {
    lines.push('  changed:');
    for (const result of summary.changed.slice(0, RECAP_LINES)) lines.push(`    ${changedLine(result, cwd)}`);
    if (changed > RECAP_LINES) lines.push(`    … and ${changed - RECAP_LINES} more, each shown above`);
  }
  return lines;
}

function mappingLine(use: MappingUse): string {
  const {mapping} = use;
  const what = mapping.from === mapping.to ? `policy ${shown(mapping.to)} (as it is now)` : `policy ${shown(mapping.from)} → ${shown(mapping.to)}`;
  const records = use.applied === 1 ? '1 record' : `${use.applied} records`;
  return `${what}: applied to ${use.applied === 0 ? 'no record' : records}`;
}

/** Per change, its gates: `role_validation 7`, `from precondition_validation 5`, `precondition_validation → role_validation 3`. */
function gateDetail(byGate: readonly GateChange[], change: DecisionChange): string {
  const items = byGate.filter((item) => item.change === change);
  if (items.length === 0) return '';
  const described = items.map((item) => {
    const from = item.from ?? '(no gate)';
    const to = item.to ?? '(no gate)';
    if (change === 'pass_to_fail') return `${to} ${item.count}`;
    if (change === 'fail_to_pass') return `from ${from} ${item.count}`;
    if (change === 'gate_changed') return `${from} → ${to} ${item.count}`;
    return `${from} ${item.count}`;
  });
  return ` (${described.join(', ')})`;
}

function countsText(counts: ChangeCounts): string {
  return CHANGES.filter((change) => counts[change] > 0)
    .map((change) => `${CHANGE_LABELS[change]} ${counts[change]}`)
    .join(', ');
}

function changedLine(result: ReplayResult, cwd?: string): string {
  const name = result.fixture.shape === 'ours' ? result.fixture.name : locationOf(result, cwd);
  const invocation = result.fixture.invocation;
  const role = isDict(invocation) && typeof invocation.role === 'string' ? ` (role ${shown(invocation.role)})` : '';
  if (result.change === 'reason_changed') return `${shown(name)}${role}: ${verdictText(result.verdict!)}, for another reason`;
  return `${shown(name)}${role}: ${verdictText(result.expectedVerdict!)} → ${verdictText(result.verdict!)}`;
}

function verdictText(verdict: ReplayVerdict): string {
  return verdict.result === 'FAIL' && verdict.gate ? `FAIL (${verdict.gate})` : verdict.result;
}

/** A name from the data as is, or JSON-quoted when it holds control characters (never raw to a terminal). */
function shown(text: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? formatValue(text) : text;
}

/** `N passed, N failed`, then `, N changed`, `, N not replayable`, `, N written` and `, N updated` when there are any. */
export function closingLine(report: Pick<ReplayReport, 'passed' | 'failed' | 'written' | 'updated' | 'changed' | 'unreplayable'>): string {
  const changed = report.changed > 0 ? `, ${report.changed} changed` : '';
  const unreplayable = report.unreplayable > 0 ? `, ${report.unreplayable} not replayable` : '';
  const written = report.written > 0 ? `, ${report.written} written` : '';
  const updated = report.updated > 0 ? `, ${report.updated} updated` : '';
  return `${report.passed} passed, ${report.failed} failed${changed}${unreplayable}${written}${updated}`;
}
