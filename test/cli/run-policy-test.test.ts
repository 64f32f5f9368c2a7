import {readFileSync, realpathSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {isCi} from '../../src/cli/ci.js';
import {runPolicyTest} from '../../src/cli/run-policy-test.js';
import {supportSuiteHead, temporaryFolder} from '../testing/helpers.js';
import {captureIo} from './capture.js';

let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => {
  folder?.remove();
  folder = undefined;
});

function suiteFile(text: string, name = 'roles.test.yaml'): string {
  folder ??= temporaryFolder();
  const file = join(folder.path, name);
  writeFileSync(file, text);
  return file;
}

const ROLE_SUITE = (policy: string) => `${supportSuiteHead('roles', policy)}cases:
  - name: agent passes
    role: agent
  - name: intern is refused
    role: intern
    expect: {result: fail, gate: precondition_validation}
  - name: supervisor passes
    role: supervisor
`;

const POLICY = join(import.meta.dirname, '../../policies/support-assistant.yaml');

describe('aigc policy test', () => {
  it('prints one line per case and the closing line, exit 0 when all pass', async () => {
    const io = captureIo();
    const code = await runPolicyTest(['fixtures/suites/support-assistant.test.yaml'], {}, io);
    expect(code).toBe(0);
    const lines = io.stdout.text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('12 passed, 0 failed');
    expect(lines.slice(0, -1).every((line) => line.startsWith('ok    support assistant › '))).toBe(true);
  });

  it('exits 1 on one wrong expectation, naming the case with expected and actual and its file:line', async () => {
    const io = captureIo();
    const file = suiteFile(ROLE_SUITE(POLICY));
    const code = await runPolicyTest([file], {format: 'text'}, io);
    expect(code).toBe(1);
    const out = io.stdout.text;
    expect(out).toContain(`FAIL  roles › intern is refused  ${file}:14`);
    expect(out).toMatch(/gate\s+"precondition_validation"\s+"role_validation"/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('says which path a missing policy was looked for at, and which invocation fields are missing', async () => {
    const io = captureIo();
    const file = suiteFile(`suite: s
policy: ./nope.yaml
cases:
  - name: no policy
    invocation: {model_provider: p, model_identifier: m, role: agent, input: {}, output: {}, context: {}}
  - name: no role or context
    invocation: {model_provider: p, model_identifier: m, input: {}, output: {}}
`);
    const code = await runPolicyTest([file], {format: 'text'}, io);
    expect(code).toBe(1);
    const policy = join(realpathSync(folder!.path), 'nope.yaml');
    expect(io.stdout.text).toContain(`failed at invocation_validation (PolicyLoadError): Policy file does not exist: ${policy}\n`);
    expect(io.stdout.text).toContain('failed at invocation_validation (InvocationValidationError): Invocation is missing required fields: role, context\n');
  });

  it('adds the skipped count to the closing line only when cases were skipped', async () => {
    const io = captureIo();
    await runPolicyTest([suiteFile('policy: p.yaml\ncases: [{name: a, skip: true}, {name: b, expect: fail}]')], {}, io);
    expect(io.stdout.text.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed, 1 skipped');
  });

  it('runs the other suites when one is malformed, naming its file and line, and exits 1', async () => {
    const io = captureIo();
    const good = suiteFile(ROLE_SUITE(POLICY));
    const bad = suiteFile('cases:\n  - name: x\n    expect: maybe\n', 'bad.test.yaml');
    const code = await runPolicyTest([good, bad], {}, io);
    expect(code).toBe(1);
    expect(io.stdout.text.trimEnd().split("\n").at(-1)).toMatch(/^2 passed, \d+ failed, 1 suite file not loaded$/);
    expect(io.stderr.text).toContain(`${bad}:3:13: cases[0].expect: 'maybe' is not one of ['pass', 'fail']`);
    expect(io.stderr.text).toContain('1 suite file not run: fix the problems above');
  });

  it('reports every problem of a malformed suite in one run', async () => {
    const io = captureIo();
    const bad = suiteFile('cases:\n  - name: x\n    expekt: pass\n  - name: y\n    expect: maybe\n', 'two.test.yaml');
    expect(await runPolicyTest([bad], {}, io)).toBe(1);
    expect(io.stderr.text).toContain(`${bad}:3:5: cases[0]: unknown key 'expekt' (did you mean 'expect'?)`);
    expect(io.stderr.text).toContain(`${bad}:5:13: cases[1].expect: 'maybe' is not one of ['pass', 'fail']`);
  });

  it('still gives a CI consumer the malformed suite: a GitHub annotation, a JUnit file with an error test case', async () => {
    const bad = suiteFile('cases:\n  - name: x\n    expekt: pass\n', 'bad.test.yaml');
    const github = captureIo();
    expect(await runPolicyTest([bad], {format: 'github'}, github)).toBe(1);
    expect(github.stdout.text).toContain(`::error file=${bad},line=3,col=5,title=suite could not be loaded::cases[0]: unknown key 'expekt' (did you mean 'expect'?)`);
    const junitFile = join(folder!.path, 'report.xml');
    expect(await runPolicyTest([bad], {format: 'junit', output: [junitFile]}, captureIo())).toBe(1);
    expect(readFileSync(junitFile, 'utf8')).toMatch(/<testcase name="load the suite"[^>]*>\s*<error message="[^"]*unknown key 'expekt'/);
  });

  it('filters with --run, stops with --bail and fails an empty run with --fail-on-empty', async () => {
    const file = suiteFile(ROLE_SUITE(POLICY));
    const filtered = captureIo();
    expect(await runPolicyTest([file], {run: 'supervisor'}, filtered)).toBe(0);
    expect(filtered.stdout.text.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    const bailed = captureIo();
    expect(await runPolicyTest([file], {bail: true}, bailed)).toBe(1);
    expect(bailed.stdout.text).not.toContain('supervisor');
    const empty = captureIo();
    expect(await runPolicyTest([file], {run: 'nobody', 'fail-on-empty': true}, empty)).toBe(1);
    expect(empty.stderr.text).toContain('no test case ran');
    expect(await runPolicyTest([file], {run: 'nobody'}, captureIo())).toBe(0);
  });

  it('finds *.test.yaml files in folders and refuses a bad --run pattern (usage, exit 2) or a missing path (input, exit 3)', async () => {
    const io = captureIo();
    expect(await runPolicyTest(['fixtures'], {format: 'json'}, io)).toBe(0);
    expect(JSON.parse(io.stdout.text).suiteFiles).toContain('fixtures/suites/coding-agent.test.yaml');
    await expect(runPolicyTest(['fixtures'], {run: '('}, captureIo())).rejects.toMatchObject({exitCode: 2});
    await expect(runPolicyTest(['no/such/folder'], {}, captureIo())).rejects.toMatchObject({exitCode: 3, file: 'no/such/folder', message: 'no such file or folder'});
  });

  it('treats CI or CONTINUOUS_INTEGRATION set (but not to 0 or false) as CI, as ink does', () => {
    expect([isCi({CI: 'true'}), isCi({CI: '1'}), isCi({CI: ''}), isCi({CONTINUOUS_INTEGRATION: 'yes'})]).toEqual([true, true, true, true]);
    expect([isCi({CI: 'false'}), isCi({CI: '0'}), isCi({CONTINUOUS_INTEGRATION: 'false'}), isCi({})]).toEqual([false, false, false, false]);
  });
});
