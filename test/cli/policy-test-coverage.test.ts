// `aigc policy test --coverage`: the threshold's exit and message, where the
// summary goes beside each test format, the usage errors, and
// `--changed-since` in a temporary git repository.
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runPolicyTest} from '../../src/cli/run-policy-test.js';
import {temporaryFolder} from '../testing/helpers.js';
import {captureIo} from './capture.js';
import {type FixtureRun, runFixture} from './reporters/coverage/fixture.js';

let run: FixtureRun | undefined;
let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => {
  run?.remove();
  run = undefined;
  folder?.remove();
  folder = undefined;
});

describe('--threshold', () => {
  it('exits 1 below the threshold and says by how much on stderr', async () => {
    run = await runFixture({threshold: '80'});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('aigc policy test: coverage is below the threshold of 80% by 30.00 percentage points (4/8 outcomes covered; 3 more needed)\n');
  });

  it('exits 0 at or above the threshold, saying nothing more', async () => {
    run = await runFixture({threshold: '50%'});
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('coverage: 4/8 outcomes (50.00%)');
  });

  it('compares the exact share, not the rounded figure: 2 of 3 is below 66.67', async () => {
    const policy = 'policy_version: "1"\nroles: [a, b, c]\n';
    const suite = 'policy: t.yaml\ncases:\n  - {name: a, role: a, model_provider: x, model_identifier: m, input: {}, output: {}, context: {}}\n  - {name: b, role: b, model_provider: x, model_identifier: m, input: {}, output: {}, context: {}}\n';
    run = await runFixture({threshold: '66.67', run: '^t$'}, {'t.yaml': policy, 't.test.yaml': suite});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('below the threshold of 66.67% by 0.01 percentage points (2/3 outcomes covered; 1 more needed)');
  });

  it('still exits 1 for a failing case when coverage reaches the threshold', async () => {
    const failing = 'policy: p.yaml\ncases:\n  - {name: wrong, role: intern, model_provider: x, model_identifier: m, input: {}, output: {}, context: {}}\n';
    run = await runFixture({threshold: '0'}, {'wrong.test.yaml': failing});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it.each([['101'], ['-1'], ['abc'], ['']])('refuses --threshold %j as a usage error (exit 2)', async (value) => {
    await expect(runFixture({threshold: value})).rejects.toMatchObject({exitCode: 2, message: `--threshold: expected a percentage from 0 to 100, got '${value}'`});
  });
});

describe('where coverage goes', () => {
  it('puts the summary on stderr when stdout carries a JSON test report, which stays one JSON document', async () => {
    run = await runFixture({coverage: true, format: 'json'});
    expect(JSON.parse(run.stdout).summary.passed).toBe(2);
    expect(run.stderr).toContain('coverage: 4/8 outcomes (50.00%)');
  });

  it.each([['junit'], ['tap'], ['github']])('puts the summary on stderr beside a %s report', async (format) => {
    run = await runFixture({coverage: true, format});
    expect(run.stdout).not.toContain('coverage:');
    expect(run.stderr).toContain('coverage: 4/8 outcomes');
  });

  it('puts the summary on stdout when the test report goes to a file', async () => {
    folder = temporaryFolder();
    run = await runFixture({coverage: true, format: 'json', output: [join(folder.path, 'report.json')]});
    expect(run.stdout).toContain('coverage: 4/8 outcomes');
    expect(run.stderr).toBe('');
  });

  it('writes --coverage-output without --coverage, as JSON by default', async () => {
    run = await runFixture({'coverage-output': 'c.json'});
    expect(JSON.parse(run.output!).summary.outcomes).toEqual({total: 8, covered: 4});
  });

  it('refuses --coverage-format without --coverage-output, an unknown format, and the test report file (exit 2)', async () => {
    await expect(runFixture({'coverage-format': 'lcov'})).rejects.toMatchObject({exitCode: 2, message: '--coverage-format needs --coverage-output FILE (stdout carries the test report)'});
    await expect(runFixture({'coverage-format': 'xml', 'coverage-output': 'c'})).rejects.toMatchObject({exitCode: 2, message: 'unknown format "xml" for --coverage-format; expected one of: json, lcov'});
    await expect(runFixture({output: ['same.txt'], 'coverage-output': 'same.txt'})).rejects.toMatchObject({exitCode: 2, message: '--coverage-output and --output name the same file'});
  });

  it('fails with exit 3, naming the file, when the coverage report cannot be written', async () => {
    await expect(runFixture({'coverage-output': 'no/such/folder/c.json'})).rejects.toMatchObject({exitCode: 3, file: expect.stringMatching(/no\/such\/folder\/c\.json$/)});
  });
});

const HAS_GIT = spawnSync('git', ['--version']).status === 0;

describe('--changed-since', () => {
  const BASE = 'policy_version: "1"\nroles: [agent, auditor]\n';
  const CHILD = 'extends: base.yaml\nroles: [agent]\n';
  const OTHER = 'policy_version: "1"\nroles: [agent]\n';
  const suite = (policy: string) => `policy: ../policies/${policy}\ncases:\n  - {name: agent, role: agent, model_provider: x, model_identifier: m, input: {}, output: {}, context: {}}\n`;

  function repository(): string {
    folder = temporaryFolder();
    const root = folder.path;
    mkdirSync(join(root, 'policies'));
    mkdirSync(join(root, 'suites'));
    writeFileSync(join(root, 'policies/base.yaml'), BASE);
    writeFileSync(join(root, 'policies/child.yaml'), CHILD);
    writeFileSync(join(root, 'policies/other.yaml'), OTHER);
    writeFileSync(join(root, 'suites/child.test.yaml'), suite('child.yaml'));
    writeFileSync(join(root, 'suites/other.test.yaml'), suite('other.yaml'));
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'policies');
    return root;
  }

  function git(cwd: string, ...args: string[]): void {
    const result = spawnSync('git', args, {cwd, encoding: 'utf8'});
    if (result.status !== 0) throw new Error(result.stderr);
  }

  async function testIn(root: string, flags: Record<string, unknown>) {
    const io = {...captureIo(), cwd: root};
    const code = await runPolicyTest(['suites'], {format: 'text', ...flags}, io);
    return {code, stdout: io.stdout.text, stderr: io.stderr.text};
  }

  it.skipIf(!HAS_GIT)('runs only the suites using a policy extending a changed base, and reports coverage of the changed file only', async () => {
    const root = repository();
    writeFileSync(join(root, 'policies/base.yaml'), `${BASE}# reviewed\n`);
    const result = await testIn(root, {'changed-since': 'HEAD', coverage: true});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('child › agent');
    expect(result.stdout).not.toContain('other › agent');
    expect(result.stdout).toContain('coverage: 1/2 outcomes (50.00%), 1/2 elements fully covered, in 1 policy file\n  policies/base.yaml  1/2 (50.00%)\n');
    expect(result.stdout).not.toContain('child.yaml');
  });

  it.skipIf(!HAS_GIT)('counts untracked policies and changed suites as changed', async () => {
    const root = repository();
    writeFileSync(join(root, 'policies/new.yaml'), OTHER);
    writeFileSync(join(root, 'suites/new.test.yaml'), suite('new.yaml'));
    writeFileSync(join(root, 'suites/other.test.yaml'), `${suite('other.yaml')}# edited\n`);
    const result = await testIn(root, {'changed-since': 'HEAD'});
    expect(result.stdout).toContain('new › agent');
    expect(result.stdout).toContain('other › agent');
    expect(result.stdout).not.toContain('child › agent');
  });

  it.skipIf(!HAS_GIT)('runs nothing and says so when no change concerns a suite', async () => {
    const root = repository();
    const result = await testIn(root, {'changed-since': 'HEAD', coverage: true});
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('aigc policy test: no suite is concerned by a change since HEAD\n');
    expect(result.stdout).toContain('0 passed, 0 failed\ncoverage: 0/0 outcomes (100.00%), 0/0 elements fully covered, in 0 policy files\n');
  });

  it.skipIf(!HAS_GIT)('refuses an unknown revision, and one that reads as an option, as usage errors (exit 2)', async () => {
    const root = repository();
    await expect(testIn(root, {'changed-since': 'no-such-branch'})).rejects.toMatchObject({exitCode: 2, message: "--changed-since: unknown revision 'no-such-branch'"});
    await expect(testIn(root, {'changed-since': '--output=x'})).rejects.toMatchObject({exitCode: 2, message: "--changed-since: '--output=x' is not a git revision"});
  });

  it.skipIf(!HAS_GIT)('says clearly that it needs a git repository (exit 2)', async () => {
    folder = temporaryFolder();
    mkdirSync(join(folder.path, 'suites'));
    writeFileSync(join(folder.path, 'suites/a.test.yaml'), 'cases: []\n');
    await expect(testIn(folder.path, {'changed-since': 'main'})).rejects.toMatchObject({
      exitCode: 2,
      message: `--changed-since: ${folder.path} is not in a git repository`,
    });
  });
});
