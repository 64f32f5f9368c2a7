// The exit codes of every aigc command, and the one typed error commands throw
// to stop with a message and a code. The top level turns any thrown value into
// one clean stderr line and an exit code here, so no command decides it alone.

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

/** What the top level prints and how it exits for a thrown value. */
export interface FailureReport {
  exitCode: number;
  /** Text for stderr (one line, or a stack trace under DEBUG); empty when nothing should be printed. */
  stderr: string;
}

const PROGRAM = 'aigc';

/**
 * Classifies anything a command threw. `CliError` keeps its code; oclif's own
 * errors keep the exit code oclif gave them (2 for flag and argument parsing,
 * silent for `this.exit(n)`); anything else is an internal error (exit 3).
 * A stack trace is shown only when `DEBUG` is set to a non-empty value.
 */
export function describeFailure(error: unknown, env: Readonly<Record<string, string | undefined>>): FailureReport {
  const debug = (env.DEBUG ?? '') !== '';
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof CliError) {
    const where = error.location === '' ? '' : `${error.location}: `;
    return {exitCode: error.exitCode, stderr: `${PROGRAM}: ${where}${oneLine(error.message)}${stack}\n`};
  }
  const oclifExit = oclifExitCode(error);
  if (oclifExit !== undefined) {
    if (isOclifExit(error)) return {exitCode: oclifExit, stderr: ''};
    return {exitCode: oclifExit, stderr: `${PROGRAM}: ${oneLine(errorMessage(error))}${stack}\n`};
  }
  return {
    exitCode: ExitCode.Internal,
    stderr: `${PROGRAM}: internal error: ${oneLine(errorMessage(error))}${stack || (debug ? '' : ' (set DEBUG=1 for details)')}\n`,
  };
}

function oclifExitCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('oclif' in error)) return undefined;
  const oclif = (error as {oclif?: {exit?: unknown}}).oclif;
  return typeof oclif?.exit === 'number' ? oclif.exit : undefined;
}

function isOclifExit(error: unknown): boolean {
  return (error as {code?: unknown}).code === 'EEXIT';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Multi-line messages joined into one line: oclif's parse errors add a hint
 * line and wrap long lines at the terminal width. A line starting in lower
 * case continues the one before; a new sentence is set off with `; ` unless
 * the line before already ends in `.` or `:`.
 */
function oneLine(text: string): string {
  const parts = text
    .split(/\r?\n/)
    .map((part) => part.trim().replace(/\s{2,}/g, ' '))
    .filter((part) => part !== '');
  return parts.reduce((joined, part) => {
    if (joined === '') return part;
    const continues = /^[a-z(]/.test(part) || /[.:]$/.test(joined);
    return `${joined}${continues ? ' ' : '; '}${part}`;
  }, '');
}
