// In-memory stdout/stderr for running a command's runner inside a test.
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class Capture extends Writable {
  text = '';
  isTTY = false;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Streams and settings for a runner: stdout and stderr captured, no colour, not under CI unless asked. */
export function captureIo(env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  return {stdout, stderr, env: {NO_COLOR: '1', ...env}, cwd: REPO_ROOT};
}
