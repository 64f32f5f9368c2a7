// The JSON format of `aigc replay`: a stable, versioned document for programs.
import {toPlain} from '../../../python/values.js';
import {shownPath} from '../paths.js';
import type {ReplayReport, ReplayReporter, ReporterOptions} from './types.js';

export const REPLAY_JSON_FORMAT_VERSION = 1;

export const jsonReporter: ReplayReporter = (report: ReplayReport, options: ReporterOptions): string => {
  const document = {
    formatVersion: REPLAY_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: report.toolVersion},
    summary: {total: report.entries.length, passed: report.passed, failed: report.failed, written: report.written, updated: report.updated},
    fixtures: report.entries.map(({result, outcome}) => ({
      name: result.fixture.name,
      file: shownPath(result.fixture.file, options.cwd),
      ...(result.fixture.line === undefined ? {} : {line: result.fixture.line}),
      shape: result.fixture.shape,
      mode: result.fixture.mode,
      status: outcome,
      verdict: result.verdict,
      ...(result.problem === undefined ? {} : {problem: result.problem}),
      ...(result.expectedVerdict === undefined ? {} : {expectedVerdict: result.expectedVerdict}),
      diffs: result.diffs.map((diff) => ({
        pointer: diff.pointer,
        ...(diff.expected === undefined ? {} : {expected: toPlain(diff.expected)}),
        ...(diff.actual === undefined ? {} : {actual: toPlain(diff.actual)}),
      })),
    })),
    ...(report.policyChange === undefined
      ? {}
      : {
          policyChange: {
            policy: shownPath(report.policyChange.policy, options.cwd),
            compared: report.policyChange.summary.compared,
            changed: report.policyChange.summary.changed.length,
            passToFail: report.policyChange.summary.passToFail,
            failToPass: report.policyChange.summary.failToPass,
            gateChanged: report.policyChange.summary.gateChanged,
            newFailuresByGate: report.policyChange.summary.newFailuresByGate,
          },
        }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
