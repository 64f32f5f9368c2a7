import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import {chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {CliError, ExitCode} from '../../src/cli/exit-codes.js';
import {type ReportStream, writeFileAtomic, writeReport, writeToStream} from '../../src/cli/output.js';

/** A stdout stand-in that records what is written, or fails every write with `failWith`. */
class FakeStream extends EventEmitter implements ReportStream {
  written = '';
  constructor(private readonly failWith?: NodeJS.ErrnoException) {
    super();
  }
  write(chunk: string, callback: (error?: Error | null) => void): boolean {
    if (this.failWith) {
      const error = this.failWith;
      process.nextTick(() => {
        this.emit('error', error);
        callback(error);
      });
      return false;
    }
    this.written += chunk;
    process.nextTick(() => callback(null));
    return true;
  }
}

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), {code});
}

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aigc-output-'));
});

afterEach(async () => {
  await rm(folder, {recursive: true, force: true});
});

describe('writing a report to a file (-o)', () => {
  it('writes the report and leaves no temporary file behind', async () => {
    const file = join(folder, 'lint.sarif');
    await writeReport('{"version":"2.1.0"}\n', {outputFile: file, stdout: new FakeStream()});
    expect(await readFile(file, 'utf8')).toBe('{"version":"2.1.0"}\n');
    expect(await readdir(folder)).toEqual(['lint.sarif']);
  });

  it('does not write to stdout when a file is given', async () => {
    const stdout = new FakeStream();
    await writeReport('report\n', {outputFile: join(folder, 'out.txt'), stdout});
    expect(stdout.written).toBe('');
  });

  it('replaces an existing file whole and keeps its permissions', async () => {
    const file = join(folder, 'report.xml');
    await writeFile(file, 'old report, longer than the new one\n');
    await chmod(file, 0o640);
    await writeFileAtomic(file, 'new\n');
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(folder)).toEqual(['report.xml']);
  });

  it('fails with exit 3 naming the file when its folder does not exist', async () => {
    const file = join(folder, 'missing', 'report.json');
    const error = await writeFileAtomic(file, '{}').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.Internal);
    expect((error as CliError).file).toBe(file);
    expect((error as CliError).message).toBe('cannot write the report: the folder does not exist (ENOENT)');
  });

  it('leaves the target and the folder as they were when the write fails', async () => {
    const target = join(folder, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'kept');
    const error = await writeFileAtomic(target, 'report').catch((caught: unknown) => caught);
    expect((error as CliError).exitCode).toBe(ExitCode.Internal);
    expect(await readdir(folder)).toEqual(['taken']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('kept');
  });
});

describe('writing a report to stdout', () => {
  it('writes the report as it is', async () => {
    const stdout = new FakeStream();
    await writeReport('a\nb\n', {stdout});
    expect(stdout.written).toBe('a\nb\n');
  });

  it('treats a reader that went away (EPIPE) as quiet success and drops later writes', async () => {
    const stdout = new FakeStream(systemError('EPIPE'));
    await expect(writeToStream(stdout, 'first\n')).resolves.toBe(false);
    await expect(writeToStream(stdout, 'second\n')).resolves.toBe(false);
    expect(() => stdout.emit('error', systemError('EPIPE'))).not.toThrow();
  });

  it('turns any other write error into exit 3', async () => {
    const stdout = new FakeStream(systemError('EIO'));
    const error = await writeReport('report\n', {stdout}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.Internal);
    expect((error as CliError).message).toBe('cannot write the report: EIO: failed');
  });

  it('exits quietly when piped into a reader that closes early, like `| head -1`', async () => {
    const outputModule = fileURLToPath(new URL('../../src/cli/output.ts', import.meta.url));
    const script = [
      `const {writeToStream} = await import(${JSON.stringify(outputModule)});`,
      `const line = 'x'.repeat(1023) + '\\n';`,
      'for (let i = 0; i < 4096; i++) await writeToStream(process.stdout, line);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });
});
