// `aigc policy test --watch` as a user runs it: the first run, then each
// change to a policy or suite re-running the suites it concerns (a policy
// through the suites that extend it too), said on stderr, until Ctrl-C, which
// ends it with exit 0. The waits are guards against a hang, not timings.
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, expect, it} from 'vitest';
import {CLI} from './cli.js';

const DEFAULTS = 'defaults: {model_provider: p, model_identifier: m, role: agent, input: {}, output: {}, context: {}}\n';
const suite = (name: string, policy: string, cases: string[]) => `suite: ${name}\npolicy: ${policy}\n${DEFAULTS}cases:\n${cases.map((item) => `  - name: ${item}\n`).join('')}`;

/** Generous: a guard against a watch that never re-runs, not a timing to meet. */
const GUARD_MS = 30_000;

let folder: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'aigc-watch-'));
  mkdirSync(join(folder, 'policies'));
  write('policies/base.yaml', 'policy_version: "1.0"\nroles: [agent]\n');
  write('policies/child.yaml', 'extends: base.yaml\npolicy_version: "1.1"\n');
  write('policies/other.yaml', 'policy_version: "1.0"\nroles: [agent]\n');
  write('policies/base.test.yaml', suite('base', 'base.yaml', ['base agent']));
  write('policies/child.test.yaml', suite('child', 'child.yaml', ['child agent']));
  write('policies/other.test.yaml', suite('other', 'other.yaml', ['other agent']));
});

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  rmSync(folder, {recursive: true, force: true});
});

function write(name: string, text: string): void {
  writeFileSync(join(folder, name), text);
}

interface Watch {
  stdout: () => string;
  stderr: () => string;
  /** Resolves once `text` has appeared in the stream `count` times. */
  until: (stream: 'stdout' | 'stderr', text: string, count?: number) => Promise<void>;
  exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

function startWatch(args: string[]): Watch {
  const env = {...process.env};
  for (const name of ['CI', 'GITHUB_ACTIONS', 'FORCE_COLOR', 'NODE_ENV']) delete env[name];
  const spawned = spawn(process.execPath, [CLI, 'policy', 'test', '--watch', ...args], {cwd: folder, env: {...env, NO_COLOR: '1'}});
  child = spawned;
  const text = {stdout: '', stderr: ''};
  const waiting: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    spawned[stream].on('data', (chunk: Buffer) => {
      text[stream] += chunk.toString('utf8');
      for (const check of [...waiting]) check();
    });
  }
  const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => spawned.on('close', (code, signal) => resolve({code, signal})));
  const until = (stream: 'stdout' | 'stderr', wanted: string, count = 1) =>
    new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`no ${JSON.stringify(wanted)} (x${count}) on ${stream} in ${GUARD_MS} ms:\n${text.stdout}\n${text.stderr}`)), GUARD_MS);
      const check = () => {
        if (text[stream].split(wanted).length - 1 < count) return;
        clearTimeout(guard);
        waiting.splice(waiting.indexOf(check), 1);
        resolve();
      };
      waiting.push(check);
      check();
    });
  return {stdout: () => text.stdout, stderr: () => text.stderr, until, exit};
}

it('re-runs the suites of a changed policy and of the policies extending it, then a changed suite alone, and ends at Ctrl-C with exit 0', {timeout: 4 * GUARD_MS}, async () => {
  const watch = startWatch(['-f', 'text']);
  await watch.until('stderr', 'watching for changes');
  expect(watch.stdout()).toContain('3 passed, 0 failed');

  write('policies/base.yaml', 'policy_version: "1.0"\nroles: [reviewer]\n');
  await watch.until('stdout', '0 passed, 2 failed');
  expect(watch.stderr()).toContain(
    'aigc policy test: changed: policies/base.yaml; re-running 2 suites: policies/base.test.yaml, policies/child.test.yaml\n',
  );
  expect(watch.stdout()).not.toMatch(/other agent[\s\S]*other agent/);

  write('policies/other.test.yaml', suite('other', 'other.yaml', ['other agent', 'other agent again']));
  await watch.until('stdout', '2 passed, 0 failed');
  expect(watch.stderr()).toContain('aigc policy test: changed: policies/other.test.yaml; re-running 1 suite: policies/other.test.yaml\n');
  // The earlier reports are all still there: nothing is cleared.
  expect(watch.stdout()).toContain('3 passed, 0 failed');

  child?.kill('SIGINT');
  expect(await watch.exit).toEqual({code: 0, signal: null});
});

it('runs a suite added to a folder it watches, and reports a suite broken by a change, and keeps watching', {timeout: 4 * GUARD_MS}, async () => {
  const watch = startWatch(['policies', '-f', 'text']);
  await watch.until('stderr', 'watching for changes');

  write('policies/new.test.yaml', suite('new', 'other.yaml', ['new agent']));
  await watch.until('stderr', 're-running 1 suite: policies/new.test.yaml');
  await watch.until('stdout', '1 passed, 0 failed');

  write('policies/new.test.yaml', 'cases: [\n');
  await watch.until('stderr', 'policies/new.test.yaml:2:1: invalid YAML');
  write('policies/new.test.yaml', suite('new', 'other.yaml', ['new agent', 'new agent again']));
  await watch.until('stdout', '2 passed, 0 failed');

  child?.kill('SIGINT');
  expect((await watch.exit).code).toBe(0);
});
