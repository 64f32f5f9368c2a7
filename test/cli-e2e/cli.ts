// Runs the built CLI (`node bin/run.js …`) as a user's shell would: for what
// only a separate process shows (help rendered by oclif, pipes, signals, a
// full disk, another user, the package), and one smoke run per exit path and
// format. Everything else runs in-process (test/cli/command-line.ts).
import {spawn} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {REPO_ROOT} from '../cli/capture.js';
import type {CliRun} from '../cli/command-line.js';

export {REPO_ROOT};
export const CLI = join(REPO_ROOT, 'bin', 'run.js');

export interface SpawnedRun extends CliRun {
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
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
  /** The program's entry to run instead of this project's bin/run.js (an installed package's). */
  bin?: string;
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

/** Runs the built `aigc ARGS…` and resolves when it exits (or is killed after `timeoutMs`). */
export function spawnAigc(args: string[], options: SpawnOptions = {}): Promise<SpawnedRun> {
  return new Promise((resolve, reject) => {
    const env = cleanEnv(options.uid === undefined ? options.env : {HOME: tmpdir(), ...options.env});
    const user = options.uid === undefined ? {} : {uid: options.uid, gid: options.uid};
    const child = spawn(process.execPath, [options.bin ?? CLI, ...args], {cwd: options.cwd ?? REPO_ROOT, env, ...user});
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
