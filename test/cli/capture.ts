// Running commands in-process: in-memory stdout and stderr, a stdin of given
// bytes, and `aigc …` command lines run through the start path with them.
import {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {CommandIo} from '../../src/cli/command-io.js';
import {runCommandLine} from '../../src/cli/start/main.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class Capture extends Writable {
  text = '';
  isTTY = false;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CapturedIo extends CommandIo {
  stdout: Capture;
  stderr: Capture;
}

/** Streams and settings for a command: stdout and stderr captured, no colour, not under CI unless asked. */
export function captureIo(env: Record<string, string> = {}, options: {cwd?: string; stdin?: string | Buffer} = {}): CapturedIo {
  return {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: new Capture(),
    stderr: new Capture(),
    env: {NO_COLOR: '1', ...env},
    cwd: options.cwd ?? REPO_ROOT,
    importModule: (url) => import(url),
  };
}

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  cwd?: string;
  /** The environment, whole (a user's shell: no colour or CI settings unless given). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed; empty when absent. */
  input?: string | Buffer;
}

/**
 * `aigc ARGS…` run in this process through the start path, as bin/run.js runs
 * it. The policy engine reads policy files relative to the process's folder,
 * so the run changes into `cwd` while it lasts (tests of a file run one at a time).
 */
export async function aigcInProcess(args: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const cwd = options.cwd ?? REPO_ROOT;
  const io = {...captureIo({}, {cwd, stdin: options.input}), env: options.env ?? {}};
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCommandLine(args, io);
    if (code === undefined) throw new Error(`aigc ${args.join(' ')} is rendered by oclif (help, version, a topic): spawn it`);
    return {code, stdout: io.stdout.text, stderr: io.stderr.text};
  } finally {
    process.chdir(previous);
  }
}
