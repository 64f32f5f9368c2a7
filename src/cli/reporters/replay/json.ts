// The JSON format of `aigc replay`: a stable, versioned document for
// programs, described by schemas/replay_report.schema.json.
import {type PyValue, toPlain} from '../../../python/values.js';
import type {FieldDiff} from '../../../testing/compare.js';
import type {DecisionChangeSummary} from '../../../testing/replay/changes.js';
import type {ReplayVerdict} from '../../../testing/replay/types.js';
import type {DecisionChanges, ReplayDecision, ReplayedFixture, ReplayFieldDiff, ReplayJsonReport} from '../../../types/generated/index.js';
import {shownPath} from '../paths.js';
import type {ReplayReport, ReplayReportEntry, ReplayReporter, ReporterOptions} from './types.js';

export const REPLAY_JSON_FORMAT_VERSION = 2;

export const jsonReporter: ReplayReporter = (report: ReplayReport, options: ReporterOptions): string => {
  const document: ReplayJsonReport = {
    formatVersion: REPLAY_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: report.toolVersion},
    summary: {total: report.entries.length, passed: report.passed, failed: report.failed, written: report.written, updated: report.updated},
    fixtures: report.entries.map((entry) => fixtureOf(entry, options)),
    decisions: report.decisions === undefined ? null : decisionsOf(report.decisions.summary, report.decisions.warnings, report.decisions.coveredByRecords),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};

function fixtureOf({result, outcome}: ReplayReportEntry, options: ReporterOptions): ReplayedFixture {
  return {
    name: result.fixture.name,
    file: shownPath(result.fixture.file, options.cwd),
    ...(result.fixture.line === undefined ? {} : {line: result.fixture.line}),
    shape: result.fixture.shape,
    mode: result.fixture.mode,
    status: outcome,
    verdict: result.verdict === null ? null : verdictOf(result.verdict),
    ...(result.expectedVerdict === undefined ? {} : {expectedVerdict: verdictOf(result.expectedVerdict)}),
    ...(result.change === undefined ? {} : {change: result.change}),
    ...(result.mapping === undefined ? {} : {policy: {from: result.mapping.from, to: result.mapping.to}}),
    ...(result.problem === undefined ? {} : {problem: result.problem}),
    ...(result.unreplayable === undefined ? {} : {unreplayable: {reason: result.unreplayable.reason, message: result.unreplayable.message}}),
    diffs: result.diffs.map(diffOf),
  };
}

function verdictOf(verdict: ReplayVerdict): ReplayDecision {
  return {result: verdict.result, gate: verdict.gate, ...(verdict.reason === undefined ? {} : {reason: verdict.reason})};
}

function diffOf(diff: FieldDiff): ReplayFieldDiff {
  // Plain JSON values (a float such as 1.0 as a number), which is what JSON.stringify writes.
  const plain = (value: PyValue) => toPlain(value) as PyValue;
  return {
    pointer: diff.pointer,
    ...(diff.expected === undefined ? {} : {expected: plain(diff.expected)}),
    ...(diff.actual === undefined ? {} : {actual: plain(diff.actual)}),
  };
}

function decisionsOf(summary: DecisionChangeSummary, warnings: string[], coveredByRecords: number): DecisionChanges {
  return {
    mappings: summary.mappings.map(({mapping, applied}) => ({from: mapping.from, to: mapping.to, resolved: mapping.fromPath, applied})),
    warnings,
    compared: summary.compared,
    unchanged: summary.unchanged,
    changed: summary.changed.length,
    flipped: summary.flipped,
    counts: {...summary.counts},
    byGate: summary.byGate.map((item) => ({...item})),
    byRole: summary.byRole.map((item) => ({role: item.role, changed: item.changed, counts: {...item.counts}})),
    byPolicy: summary.byPolicy.map((item) => ({...item, counts: {...item.counts}})),
    unreplayable: {count: summary.unreplayable.count, byReason: {...summary.unreplayable.byReason}},
    coveredByRecords,
  };
}
