// `aigc policy test` output for people and for CI: failures first, --quiet and
// --verbose, every problem of a malformed suite, and the other suites still run.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, tempFolder} from '../command-line.js';

const POLICY = 'policy_version: "1.0"\nroles: [agent]\n';
const suite = (cases: string) =>
  `suite: roles\npolicy: p.yaml\ndefaults:\n  model_provider: internal\n  model_identifier: m\n  input: {}\n  output: {}\n  context: {}\ncases:\n${cases}`;
const MIXED = suite('  - name: agent passes\n    role: agent\n  - name: intern wrongly expected to pass\n    role: intern\n  - name: later\n    role: agent\n    skip: not yet\n');

let folder: ReturnType<typeof tempFolder>;
beforeAll(() => {
  folder = tempFolder('aigc-test-output-');
  folder.file('p.yaml', POLICY);
  folder.file('mixed.test.yaml', MIXED);
});
afterAll(() => folder.remove());
const test = (args: string[]) => aigc(['policy', 'test', ...args], {cwd: folder.path});

describe('aigc policy test output', () => {
  it('pretty: counts passing cases, lists the failure and recaps it', async () => {
    const run = await test(['mixed.test.yaml', '-f', 'pretty']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('agent passes');
    expect(run.stdout).toMatch(/^✗ roles › intern wrongly expected to pass {2}mixed\.test\.yaml:\d+$/m);
    expect(run.stdout).toMatch(/Failure:\n {2}✗ roles › intern wrongly expected to pass/);
    expect(run.stdout).toMatch(/1 passed, 1 failed, 1 skipped \(/);
  });

  it('pretty --verbose lists the passing cases too', async () => {
    expect((await test(['mixed.test.yaml', '-f', 'pretty', '--verbose'])).stdout).toMatch(/^✓ roles › agent passes$/m);
  });

  it('--quiet prints only the failures and the closing line, in text and github', async () => {
    const text = await test(['mixed.test.yaml', '-f', 'text', '-q']);
    expect(text.stdout.split('\n').filter((line) => /^(ok|skip) /.test(line))).toEqual([]);
    expect(text.stdout).toMatch(/^FAIL {2}roles › intern wrongly expected to pass/m);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 skipped');
    const github = await test(['mixed.test.yaml', '-f', 'github', '--quiet']);
    expect(github.stdout).not.toMatch(/^ok /m);
    expect(github.stdout).toMatch(/^::error file=mixed\.test\.yaml,line=\d+,title=roles › intern/m);
  });

  it('refuses --quiet with --verbose', async () => {
    expectOneLineError(await test(['mixed.test.yaml', '-q', '--verbose']), 2, '--quiet and --verbose cannot be given together');
  });

  it('reports every problem of a malformed suite, runs the others and exits 1', async () => {
    folder.file('bad.test.yaml', 'cases:\n  - name: a\n    expekt: pass\n  - name: b\n    expect: maybe\n');
    const run = await test(['mixed.test.yaml', 'bad.test.yaml', '-f', 'text']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("bad.test.yaml:3:5: cases[0]: unknown key 'expekt' (did you mean 'expect'?)");
    expect(run.stderr).toContain("bad.test.yaml:5:13: cases[1].expect: 'maybe' is not one of ['pass', 'fail']");
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 skipped, 1 suite file not loaded');
  });
});

describe('several outputs in one run (-o FORMAT=FILE)', () => {
  it('policy test: github on stdout, JUnit and TAP to files', async () => {
    const {mkdirSync} = await import('node:fs');
    mkdirSync(`${folder.path}/out`, {recursive: true});
    const run = await test(['mixed.test.yaml', '-f', 'github', '-o', 'junit=out/report.xml', '-o', 'tap=out/report.tap']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=mixed\.test\.yaml/m);
    const {readFileSync} = await import('node:fs');
    expect(readFileSync(`${folder.path}/out/report.xml`, 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites[^>]* tests="3"/);
    expect(readFileSync(`${folder.path}/out/report.tap`, 'utf8')).toMatch(/^TAP version 14\n/);
  });

  it('policy lint: text to a file, SARIF and JUnit beside it', async () => {
    folder.file('warn.yaml', `${POLICY}roles: [agent]\n`);
    const run = await aigc(['policy', 'lint', 'warn.yaml', '-f', 'text', '-o', 'lint.txt', '-o', 'sarif=lint.sarif', '-o', 'junit=lint.xml'], {cwd: folder.path});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const {readFileSync} = await import('node:fs');
    expect(readFileSync(`${folder.path}/lint.txt`, 'utf8')).toMatch(/warning yaml-duplicate-key/);
    expect(JSON.parse(readFileSync(`${folder.path}/lint.sarif`, 'utf8')).runs[0].results[0].ruleId).toBe('yaml-duplicate-key');
    expect(readFileSync(`${folder.path}/lint.xml`, 'utf8')).toMatch(/^<\?xml/);
  });

  it('refuses two plain -o FILE and a FORMAT= without a file', async () => {
    expectOneLineError(await test(['mixed.test.yaml', '-o', 'a.txt', '-o', 'b.txt']), 2, '-o b.txt: only one -o FILE takes the main report; write the others as FORMAT=FILE');
    expectOneLineError(await test(['mixed.test.yaml', '-o', 'junit=']), 2, '-o junit=: give the file to write the junit report to after the = sign');
  });
});
