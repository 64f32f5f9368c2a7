import {readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PolicyCache} from '../../src/policy/cache.js';
import {runSuites} from '../../src/testing/run.js';
import {loadSuiteFile, parseSuite} from '../../src/testing/suite.js';
import {REPO_ROOT, temporaryFolder} from './helpers.js';

const suiteFiles = (folder: string) =>
  readdirSync(join(REPO_ROOT, folder))
    .filter((name) => name.endsWith('.test.yaml'))
    .sort()
    .map((name) => `${folder}/${name}`);

describe('running suites', () => {
  it('passes every case of the suites whose expectations the Python reference computed', async () => {
    const suites = suiteFiles('test/data/suites').map((file) => loadSuiteFile(file, {cwd: REPO_ROOT}));
    const summary = await runSuites(suites, {cwd: REPO_ROOT});
    const failing = summary.results.filter((result) => result.status !== 'passed').map((result) => [result.case.name, result.mismatches]);
    expect(failing).toEqual([]);
    expect(summary.passed).toBe(suites.reduce((sum, suite) => sum + suite.cases.length, 0));
  });

  it('passes the example suites, which cover every example policy', async () => {
    const suites = suiteFiles('fixtures/suites').map((file) => loadSuiteFile(file, {cwd: REPO_ROOT}));
    const summary = await runSuites(suites, {cwd: REPO_ROOT});
    expect(summary.failed).toBe(0);
    const policies = new Set(suites.flatMap((suite) => suite.cases.map((item) => item.invocation.policy_file)));
    for (const policy of readdirSync(join(REPO_ROOT, 'policies'))) expect(policies).toContain(`policies/${policy}`);
  });

  const suite = () =>
    parseSuite(
      `
suite: roles
policy: ../../policies/support-assistant.yaml
now: 1780000000
defaults:
  model_provider: internal
  model_identifier: m
  role: agent
  input: {}
  context: {customer_verified: true, ticket_id: TCK-000001}
  output: {answer: a, confidence: 0.5, escalate: false}
cases:
  - name: agent passes
  - name: intern wrongly expected to pass
    role: intern
  - name: intern fails at the wrong gate
    role: intern
    expect: {result: fail, gate: schema_validation, reason: nothing like this}
  - name: later case
`,
      join(REPO_ROOT, 'test/data/inline.test.yaml'),
      {cwd: REPO_ROOT},
    );

  it('reports every unmet expectation with expected and actual values', async () => {
    const summary = await runSuites([suite()], {cwd: REPO_ROOT});
    expect([summary.passed, summary.failed, summary.skipped]).toEqual([2, 2, 0]);
    expect(summary.results[1].mismatches).toEqual([{field: 'result', relation: 'equals', expected: 'pass', actual: 'fail'}]);
    expect(summary.results[2].mismatches).toEqual([
      {field: 'gate', relation: 'equals', expected: 'schema_validation', actual: 'role_validation'},
      {field: 'reason', relation: 'contains', expected: 'nothing like this', actual: "Unauthorized role 'intern'"},
    ]);
  });

  it('stops at the first failing case with bail', async () => {
    const summary = await runSuites([suite()], {cwd: REPO_ROOT, bail: true});
    expect(summary.results.map((result) => result.status)).toEqual(['passed', 'failed']);
    expect(summary.bailed).toBe(true);
  });

  it('runs only the cases whose name or suite matches the filter', async () => {
    const byCase = await runSuites([suite()], {cwd: REPO_ROOT, filter: /intern/});
    expect(byCase.results.map((result) => result.case.name)).toEqual(['intern wrongly expected to pass', 'intern fails at the wrong gate']);
    const bySuite = await runSuites([suite()], {cwd: REPO_ROOT, filter: /^roles$/});
    expect(bySuite.results).toHaveLength(4);
  });

  it('skips cases marked skip, and all but the only-marked ones of a suite', async () => {
    const marked = parseSuite('policy: p.yaml\ncases: [{name: a, skip: true}, {name: b, only: true, expect: fail}, {name: c}]', 'x.test.yaml', {cwd: REPO_ROOT});
    const summary = await runSuites([marked], {cwd: REPO_ROOT});
    expect(summary.results.map((result) => [result.status, result.skipReason])).toEqual([
      ['skipped', 'skip'],
      ['passed', undefined],
      ['skipped', 'other cases of the suite are marked only'],
    ]);
  });

  it('compiles each policy once per run through the shared cache', async () => {
    const cache = new PolicyCache();
    await runSuites([suite()], {cwd: REPO_ROOT, cache});
    expect(cache.size).toBe(1);
  });

  it('keeps a line or paragraph separator (U+2028, U+2029) in the values of policies and suites, as PyYAML does', async () => {
    const folder = temporaryFolder();
    try {
      // PyYAML reads the role as 'night\u2028shift' in both files: the LS breaks the plain scalar and is kept where a LF would fold into a space.
      writeFileSync(join(folder.path, 'shift.yaml'), 'policy_version: "1.0"\nroles:\n  - night\u2028    shift\n  - "day\u2029shift"\n');
      writeFileSync(
        join(folder.path, 'shift.test.yaml'),
        [
          'suite: shifts',
          'policy: shift.yaml',
          'defaults: {model_provider: p, model_identifier: m, input: {}, output: {}, context: {}}',
          'cases:',
          '  - name: the night shift, its LS kept',
          '    role: "night\u2028shift"',
          '  - name: the day shift, its PS kept',
          '    role: |-',
          '      day\u2029      shift',
          '  - name: a space is not a LS',
          '    role: night shift',
          '    expect: {result: fail, gate: role_validation}',
          '',
        ].join('\n'),
      );
      const summary = await runSuites([loadSuiteFile(join(folder.path, 'shift.test.yaml'), {cwd: folder.path})], {cwd: folder.path, now: 1780000000});
      expect(summary.results.map((result) => [result.case.name, result.status])).toEqual([
        ['the night shift, its LS kept', 'passed'],
        ['the day shift, its PS kept', 'passed'],
        ['a space is not a LS', 'passed'],
      ]);
    } finally {
      folder.remove();
    }
  });
});
