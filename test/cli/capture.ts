// In-memory stdout and stderr and a stdin of given bytes, for running a
// command's run function inside a test.
import {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {CommandIo} from '../../src/cli/command-io.js';

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
