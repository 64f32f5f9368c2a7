import {describe, expect, it} from 'vitest';
import {CliError, ExitCode, ioError, usageError} from '../../src/cli/exit-codes.js';

describe('exit codes', () => {
  it('are 0 success, 1 check failed, 2 usage, 3 input/output or internal', () => {
    expect(ExitCode).toEqual({Success: 0, CheckFailed: 1, Usage: 2, Internal: 3});
  });
});

describe('CliError', () => {
  it('carries its exit code and where it happened', () => {
    const error = new CliError('duplicate key "roles"', ExitCode.CheckFailed, {file: 'a.yaml', line: 3, column: 5});
    expect(error.exitCode).toBe(1);
    expect(error.location).toBe('a.yaml:3:5');
    expect(new CliError('x', ExitCode.Internal, {file: 'a.yaml', line: 3}).location).toBe('a.yaml:3');
    expect(new CliError('x', ExitCode.Internal).location).toBe('');
  });

  it('has helpers for usage (2) and input/output (3) errors', () => {
    expect(usageError('bad value').exitCode).toBe(ExitCode.Usage);
    const cause = Object.assign(new Error('EACCES'), {code: 'EACCES'});
    const error = ioError('cannot read the key file', 'key.bin', cause);
    expect(error.exitCode).toBe(ExitCode.Internal);
    expect(error.file).toBe('key.bin');
    expect(error.cause).toBe(cause);
  });
});
