// The coverage summary after the test report: the run's figure, a line per
// policy file, and each element with an outcome no case reached, named, at
// file:line:column.
import {describe, expect, it} from 'vitest';
import {coverageTextReporter} from '../../../../src/cli/reporters/coverage/text.js';
import type {CoverageReport, PolicyElement} from '../../../../src/testing/coverage/index.js';
import {fixtureRunner} from './fixture.js';

const runFixture = fixtureRunner();

describe('coverage summary', () => {
  it('follows the test report on stdout, naming each element an outcome was missed for', async () => {
    const run = await runFixture({coverage: true});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ok    p › agent passes',
        'ok    p › ticket is required',
        '2 passed, 0 failed',
        'coverage: 4/8 outcomes (50.00%), 2/5 elements fully covered, in 1 policy file',
        '  p.yaml  4/8 (50.00%)',
        '    p.yaml:2:16  role `supervisor`: never allowed',
        '    p.yaml:8:7  tool `search`: never called',
        '    p.yaml:9:1  output_schema: never rejected',
        '',
      ].join('\n'),
    );
  });

  it('says which outcomes of a guard and a then element were missed, and where the guard is', () => {
    const guard: PolicyElement = {kind: 'guard', name: 'is_admin', path: ['guards', 0], pointer: '/guards/0', outcomes: ['when_true', 'when_false', 'then_applied'], value: null, range: {start: {line: 7, column: 5}, end: {line: 9, column: 1}}};
    const role: PolicyElement = {kind: 'role', name: 'auditor', path: ['guards', 0, 'then', 'roles', 0], pointer: '/guards/0/then/roles/0', outcomes: ['allowed'], guard: ['guards', 0], value: 'auditor', range: {start: {line: 8, column: 21}, end: {line: 8, column: 28}}};
    const report: CoverageReport = {
      files: [{file: '/w/p.yaml', elements: [{element: guard, hits: [3, 0, 0]}, {element: role, hits: [0]}], totals: {elements: 2, elementsCovered: 0, outcomes: 4, outcomesCovered: 1}}],
      totals: {elements: 2, elementsCovered: 0, outcomes: 4, outcomesCovered: 1},
    };
    expect(coverageTextReporter(report, {cwd: '/w', toolVersion: '0'}).split('\n').slice(2, 4)).toEqual([
      '    p.yaml:7:5  guard `is_admin`: when never false, then never applied',
      '    p.yaml:8:21  role `auditor` (then of the guard on line 7): never allowed',
    ]);
  });

  it('never lets a policy name put control characters on the terminal', () => {
    const role: PolicyElement = {kind: 'role', name: 'evil\u001b[2J\u202e', path: ['roles', 0], pointer: '/roles/0', outcomes: ['allowed'], value: 'x', range: {start: {line: 2, column: 3}, end: {line: 2, column: 9}}};
    const report: CoverageReport = {
      files: [{file: '/w/p.yaml', elements: [{element: role, hits: [0]}], totals: {elements: 1, elementsCovered: 0, outcomes: 1, outcomesCovered: 0}}],
      totals: {elements: 1, elementsCovered: 0, outcomes: 1, outcomesCovered: 0},
    };
    const text = coverageTextReporter(report, {cwd: '/w', toolVersion: '0'});
    expect(text).toContain('role `evil\\x1b[2J\\u202e`: never allowed');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});
