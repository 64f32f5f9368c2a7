// A finished run of three suites' cases (passed, failed, skipped) for the reporter tests.
import {fileURLToPath} from 'node:url';
import type {TestReport} from '../../../../src/cli/reporters/test/types.js';
import {TestingFileError} from '../../../../src/testing/errors.js';
import {runSuites} from '../../../../src/testing/run.js';
import {parseSuite} from '../../../../src/testing/suite.js';
import {supportSuiteHead} from '../../../testing/helpers.js';

export const CWD = fileURLToPath(new URL('../../../..', import.meta.url));

const SUITE = `${supportSuiteHead('"support #1"', '../../policies/support-assistant.yaml')}cases:
  - name: agent passes
    role: agent
  - name: intern <wrongly> expected & passing
    role: intern
    expect: {result: pass}
  - name: intern at the wrong gate
    role: intern
    expect: {result: fail, gate: tool_validation, artifact: {metadata: {gates_evaluated: []}}}
  - name: not yet
    skip: "waiting for policy 2.0"
`;

export async function sampleReport(): Promise<TestReport> {
  const suite = parseSuite(SUITE, 'fixtures/suites/sample.test.yaml', {cwd: CWD});
  const again = parseSuite(SUITE.replace('agent passes', 'agent passes again'), 'fixtures/suites/other.test.yaml', {cwd: CWD});
  const summary = await runSuites([suite, again], {cwd: CWD});
  return {summary, suiteFiles: [suite.file, again.file], problems: [], toolVersion: '0.1.0'};
}

/** A run stopped before any case: one suite malformed, one unreadable. */
export function problemReport(): TestReport {
  const problems = [
    new TestingFileError("cases[0]: unknown key 'expekt' (did you mean 'expect'?)", 'SCHEMA', {file: `${CWD}fixtures/suites/typo.test.yaml`, line: 7, column: 5}),
    new TestingFileError('cannot read the suite: EACCES', 'UNREADABLE', {file: 'locked.test.yaml'}),
  ];
  return {summary: {results: [], passed: 0, failed: 0, skipped: 0, bailed: false, durationMs: 0}, suiteFiles: [], problems, toolVersion: '0.1.0'};
}
