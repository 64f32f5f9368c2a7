// The exit codes of every aigc command, and the one typed error commands throw
// to stop with a message and a code (the top level prints it: ./diagnostics.ts),
// so no command decides an exit code alone.

import {formatLocation, type SourceLocation} from '../source-location.js';

export const ExitCode = {
  /** Everything checked passed (all PASS, no lint errors, all tests pass, chain valid). */
  Success: 0,
  /** The thing checked failed: a FAIL artifact, a lint error, a failing test, a broken chain. */
  CheckFailed: 1,
  /** Usage error: unknown flag, missing argument, bad flag value. */
  Usage: 2,
  /** Input/output or internal error: unreadable file, bad key file, write failure, a bug. */
  Internal: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error a command throws to stop with `exitCode` and a one-line message naming the file (and line, where there is one). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;
  readonly sourceLocation?: SourceLocation;

  constructor(message: string, exitCode: ExitCode, location?: SourceLocation, options?: {cause?: unknown}) {
    super(message, options);
    this.exitCode = exitCode;
    this.sourceLocation = location;
  }

  get file(): string | undefined {
    return this.sourceLocation?.file;
  }

  get line(): number | undefined {
    return this.sourceLocation?.line;
  }

  get column(): number | undefined {
    return this.sourceLocation?.column;
  }

  /** `file:line:column`, as far as known; empty when the error has no file. */
  get location(): string {
    return this.sourceLocation ? formatLocation(this.sourceLocation) : '';
  }
}

/** A bad flag value or argument combination (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.Usage);
}

/** A file that cannot be read or written (exit 3); `cause` is the underlying system error. */
export function ioError(message: string, file: string, cause?: unknown): CliError {
  return new CliError(message, ExitCode.Internal, {file}, {cause});
}
