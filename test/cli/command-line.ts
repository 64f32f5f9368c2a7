// Running `aigc …` command lines in this process, through the start path as
// bin/run.js runs them, with a user's environment and a folder of the test's
// own; and the expectations every command line's tests share.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import {runCommandLine} from '../../src/cli/start/main.js';
import {captureIo, REPO_ROOT} from './capture.js';

export {REPO_ROOT};
export const EXAMPLE_POLICIES = join(REPO_ROOT, 'policies');
export const EXAMPLE_INVOCATIONS = join(REPO_ROOT, 'fixtures', 'invocations', 'examples.jsonl');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Written to stdin, which is then closed; stdin is empty when absent. */
  input?: string | Buffer;
  /** The whole environment: a user's shell, with no colour, CI or DEBUG settings unless given. */
  env?: Record<string, string | undefined>;
}

/** The run going on: runs in one process take turns, as each changes the process's folder. */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs `aigc ARGS…` in this process. The policy engine reads policy files
 * relative to the process's folder, so the run changes into `cwd` while it
 * lasts, and runs started together take turns.
 */
export function aigc(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = turn.then(() => runInFolder(args, options));
  turn = run.catch(() => undefined);
  return run;
}

async function runInFolder(args: string[], options: CliOptions): Promise<CliRun> {
  const cwd = options.cwd ?? REPO_ROOT;
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const io = {...captureIo({}, {cwd, stdin: options.input}), env};
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCommandLine(args, io);
    if (code === undefined) throw new Error(`aigc ${args.join(' ')} is rendered by oclif (help, the version, a topic): run the built CLI`);
    return {code, stdout: io.stdout.text, stderr: io.stderr.text};
  } finally {
    process.chdir(previous);
  }
}

/** `aigc` for runs without side effects: the same arguments and options run once per test file, so several tests can check one run. */
export function sharedRuns(defaults: CliOptions = {}): (args: string[], options?: CliOptions) => Promise<CliRun> {
  const runs = new Map<string, Promise<CliRun>>();
  return (args, options = {}) => {
    const merged = {...defaults, ...options, env: {...defaults.env, ...options.env}};
    const key = JSON.stringify([args, merged]);
    let run = runs.get(key);
    if (run === undefined) {
      run = aigc(args, merged);
      runs.set(key, run);
    }
    return run;
  };
}

/** A fresh temporary folder; `remove()` deletes it. */
export function tempFolder(prefix = 'aigc-cli-'): {path: string; file: (name: string, contents: string | Buffer) => string; remove: () => void} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name, contents) => {
      const target = join(path, name);
      writeFileSync(target, contents);
      return target;
    },
    remove: () => rmSync(path, {recursive: true, force: true}),
  };
}

/** Stack frames, Node's internal error dumps and oclif's error banner never reach a user without DEBUG. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  expect(stderr).not.toMatch(/node:internal|Node\.js v\d+|\bTypeError\b|\bRangeError\b|Maximum call stack/);
}

/** A usage or I/O failure: exactly one stderr line starting with `aigc`, nothing on stdout. */
export function expectOneLineError(run: CliRun, exitCode: number, mentions: RegExp | string): void {
  expect(run.code, run.stderr).toBe(exitCode);
  expectNoStackTrace(run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^aigc\b/);
  expect(lines[0]).toMatch(mentions);
}

/** The artifacts of an `aigc enforce` run: one JSON object per stdout line. */
export function artifactsOf(run: CliRun): Array<Record<string, unknown>> {
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
