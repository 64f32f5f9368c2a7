import {describe, expect, it} from 'vitest';
import {CliError, describeFailure, ExitCode, ioError, usageError} from '../../src/cli/exit-codes.js';

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

describe('describeFailure', () => {
  it('prints a CliError as one line naming the file, with its own exit code', () => {
    const error = new CliError('cannot parse', ExitCode.Internal, {file: 'p.yaml', line: 2, column: 1});
    expect(describeFailure(error, {})).toEqual({exitCode: 3, stderr: 'aigc: p.yaml:2:1: cannot parse\n'});
  });

  it('shows no stack trace unless DEBUG is set', () => {
    const error = usageError('unknown format "xml"');
    expect(describeFailure(error, {}).stderr).not.toContain('    at ');
    expect(describeFailure(error, {DEBUG: ''}).stderr).not.toContain('    at ');
    expect(describeFailure(error, {DEBUG: '1'}).stderr).toContain('    at ');
  });

  it('keeps the exit code oclif gave its parse errors and folds their hint into the line', () => {
    const parseError = Object.assign(new Error('Nonexistent flag: --colour\nSee more help with --help'), {oclif: {exit: 2}});
    expect(describeFailure(parseError, {})).toEqual({
      exitCode: 2,
      stderr: 'aigc: Nonexistent flag: --colour; See more help with --help\n',
    });
  });

  it('stays silent for an explicit exit', () => {
    const exit = Object.assign(new Error('EEXIT: 1'), {oclif: {exit: 1}, code: 'EEXIT'});
    expect(describeFailure(exit, {})).toEqual({exitCode: 1, stderr: ''});
  });

  it('treats anything unexpected as an internal error (exit 3)', () => {
    const report = describeFailure(new TypeError('x is undefined'), {});
    expect(report.exitCode).toBe(3);
    expect(report.stderr).toBe('aigc: internal error: x is undefined (set DEBUG=1 for details)\n');
    expect(describeFailure('thrown string', {}).exitCode).toBe(3);
  });
});
