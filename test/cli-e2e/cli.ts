// Runs the built CLI (`node bin/run.js …`) as a user's shell would, and the
// temporary folders the end-to-end tests work in.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO_ROOT, 'bin', 'run.js');
export const EXAMPLE_POLICIES = join(REPO_ROOT, 'policies');
export const EXAMPLE_INVOCATIONS = join(REPO_ROOT, 'fixtures', 'invocations', 'examples.jsonl');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Written to stdin, which is then closed; stdin is empty when absent. */
  input?: string | Buffer;
  /** Added to a clean environment (no colour, CI or DEBUG settings inherited from the test runner). */
  env?: Record<string, string | undefined>;
  /** Closes our end of stdout after the first line, like `| head -1`. */
  headOneLine?: boolean;
  timeoutMs?: number;
  /** Runs as this user (and group of the same number), with HOME in the temporary folder. */
  uid?: number;
}

/** Settings of the test runner's environment a user's shell would not have (vitest sets NODE_ENV=test). */
const INHERITED_SETTINGS = ['NO_COLOR', 'FORCE_COLOR', 'CI', 'DEBUG', 'TERM', 'COLORTERM', 'GITHUB_ACTIONS', 'NODE_ENV'];

function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env};
  for (const name of INHERITED_SETTINGS) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs `aigc ARGS…` and resolves when it exits (or is killed after `timeoutMs`). */
export function aigc(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = cleanEnv(options.uid === undefined ? options.env : {HOME: tmpdir(), ...options.env});
    const user = options.uid === undefined ? {} : {uid: options.uid, gid: options.uid};
    const child = spawn(process.execPath, [CLI, ...args], {cwd: options.cwd ?? REPO_ROOT, env, ...user});
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let headDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headDone) return;
      stdout.push(chunk);
      if (options.headOneLine && chunk.includes(0x0a)) {
        headDone = true;
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // The child may exit before reading all of stdin (e.g. on a usage error).
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let text = Buffer.concat(stdout).toString('utf8');
      if (options.headOneLine) text = text.slice(0, text.indexOf('\n') + 1);
      resolve({code, signal, stdout: text, stderr: Buffer.concat(stderr).toString('utf8')});
    });
  });
}

/**
 * `aigc` for runs without side effects: the same arguments and options run the
 * CLI once per test file, so several tests can check one run's output.
 */
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
export function tempFolder(prefix = 'aigc-e2e-'): {path: string; file: (name: string, contents: string | Buffer) => string; remove: () => void} {
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
