// The shell steps of action.yml, run as a GitHub runner runs a composite
// action's steps (bash -eo pipefail, inputs and earlier steps' outputs
// substituted, GITHUB_OUTPUT per step), in a project `aigc init` wrote, with
// the built CLI as `aigc`. The steps that need the network (setting up Node,
// installing aigc, uploading SARIF) are GitHub's own actions or npm, and are
// left out.
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {CLI, REPO_ROOT} from './cli.js';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, {default?: string}>;
  runs: {steps: Step[]};
};
const NEEDS_NETWORK = new Set(['Install aigc']);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

interface StepRun {
  name: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the action's shell steps in `workspace` with `given` inputs; returns each step run. */
function runAction(workspace: string, given: Record<string, string>): StepRun[] {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
  const outputs: Record<string, Record<string, string>> = {};
  const expression = (text: string): string =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, body: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(body);
      if (input) return inputs[input[1] as string] ?? '';
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(body);
      if (output) return outputs[output[1] as string]?.[output[2] as string] ?? '';
      const notEmpty = /^inputs\.([\w-]+) != ''$/.exec(body);
      if (notEmpty) return String((inputs[notEmpty[1] as string] ?? '') !== '');
      throw new Error(`the test does not evaluate \${{ ${body} }}`);
    });
  const shim = join(workspace, '.bin');
  spawnSync('mkdir', ['-p', shim]);
  writeFileSync(join(shim, 'aigc'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(shim, 'aigc'), 0o755);
  const runs: StepRun[] = [];
  for (const step of action.runs.steps) {
    if (step.run === undefined || NEEDS_NETWORK.has(step.name)) continue;
    if (step.if !== undefined && expression(step.if) !== 'true') continue;
    const outputFile = join(workspace, '.github-output');
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expression(value)]));
    const script = join(workspace, '.step.sh');
    writeFileSync(script, step.run);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      env: {PATH: `${shim}:${process.env.PATH}`, HOME: workspace, GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true', CI: 'true', ...env},
    });
    if (step.id !== undefined) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
    runs.push({name: step.name, status: run.status, stdout: run.stdout, stderr: run.stderr});
  }
  return runs;
}

function initialisedProject(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'aigc-action-'));
  folders.push(workspace);
  const init = spawnSync(process.execPath, [CLI, 'init'], {cwd: workspace, encoding: 'utf8'});
  expect(init.status, init.stderr).toBe(0);
  return workspace;
}

function signedTrail(workspace: string, key: string): void {
  const fixture = JSON.parse(readFileSync(join(workspace, 'fixtures/golden/agent-answers.json'), 'utf8'));
  const enforce = spawnSync(process.execPath, [CLI, 'enforce', '--key-env', 'KEY', '--chain', 'audit.jsonl', '--now', '1700000000'], {
    cwd: workspace,
    encoding: 'utf8',
    input: `${JSON.stringify(fixture.invocation)}\n`,
    env: {...process.env, KEY: key},
  });
  expect(enforce.status, enforce.stderr).toBe(0);
}

describe('action.yml steps', () => {
  it('pass on a project aigc init wrote, writing the SARIF and JUnit reports and verifying a signed trail', () => {
    const workspace = initialisedProject();
    signedTrail(workspace, 'k3y');
    const runs = runAction(workspace, {tests: 'tests', threshold: '90', fixtures: 'fixtures/golden', trails: 'audit.jsonl', 'chain-key': 'k3y', 'coverage-format': 'lcov'});
    expect(runs.map((run) => run.name)).toEqual(['Lint the policies', 'Run the policy tests', 'Replay the golden fixtures', 'Verify the audit trails', 'Fail if a check failed']);
    for (const run of runs) expect(run.status, `${run.name}: ${run.stdout}${run.stderr}`).toBe(0);
    expect(JSON.parse(readFileSync(join(workspace, 'aigc-lint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(workspace, 'aigc-tests.xml'), 'utf8')).toMatch(/<testsuites[^>]* failures="0"/);
    expect(readFileSync(join(workspace, 'aigc-coverage'), 'utf8')).toMatch(/^SF:.*assistant\.yaml$/m);
    expect(runs[3]?.stdout).toMatch(/1\/1 signatures valid/);
  });

  it('run every check when one fails, annotate the finding, and fail at the end naming the failed checks', () => {
    const workspace = initialisedProject();
    signedTrail(workspace, 'k3y');
    const policy = join(workspace, 'policies/assistant.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('policy_version: "1.0"', 'policy_version: 1.0'));
    const runs = runAction(workspace, {tests: 'tests', fixtures: 'fixtures/golden', trails: 'audit.jsonl', 'chain-key': 'wrong'});
    expect(runs.map((run) => run.status)).toEqual([0, 0, 0, 0, 1]);
    expect(runs[0]?.stdout).toMatch(/^::error file=policies\/assistant\.yaml,line=\d+/m);
    expect(existsSync(join(workspace, 'aigc-lint.sarif'))).toBe(true);
    expect(runs.at(-1)?.stdout).toMatch(/^::error::aigc checks failed: lint test replay verify$/m);
  });

  it('skip the tests, the replay and the verification when their inputs are empty', () => {
    const workspace = initialisedProject();
    const runs = runAction(workspace, {tests: ''});
    expect(runs.map((run) => run.name)).toEqual(['Lint the policies', 'Fail if a check failed']);
    expect(runs.map((run) => run.status)).toEqual([0, 0]);
  });
});
