// What commands say on stderr, written in one place: notes about a run as
// `aigc <command>: message`, and a failure as one line with the exit code it
// ends the run with: `aigc <command>: …` (`aigc: …` only when no command was
// named, as for an unknown command); a stack trace only when DEBUG is set.
import {displayText} from './display-text.js';
import {CliError, ExitCode} from './exit-codes.js';

const PROGRAM = 'aigc';

/** Where a command's notes go: anything that takes text (stderr, or a buffer in a test). */
export interface TextSink {
  write(text: string): unknown;
}

/** Writes one `aigc <command>: message` line per note; `command` is the command line (`policy lint`). */
export function commandNotes(stderr: TextSink, command: string): (message: string) => void {
  return (message) => {
    stderr.write(`${PROGRAM} ${command}: ${displayText(message)}\n`);
  };
}

/**
 * The one note of every command that reads records from a stream (enforce,
 * compliance export, chain verify, chain append) for an input with none in it
 * (no bytes, or blank lines only): `<source>: empty input: no <records>`.
 */
export function emptyInputText(source: string, records: string): string {
  return `${source}: empty input: no ${records}`;
}

/** What the top level prints and how it exits for a thrown value. */
export interface FailureReport {
  exitCode: number;
  /** Text for stderr: one line, or with a stack trace under DEBUG. */
  stderr: string;
}

/**
 * Classifies anything a command threw. `CliError` keeps its code and is told
 * after its location; anything else is an internal error (exit 3). `command`
 * names the command in the line, for a command whose failures name it.
 */
export function describeFailure(error: unknown, env: Readonly<Record<string, string | undefined>>, command?: string): FailureReport {
  const prefix = command === undefined ? PROGRAM : `${PROGRAM} ${command}`;
  const debug = (env.DEBUG ?? '') !== '';
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof CliError) {
    const where = error.location === '' ? '' : `${error.location}: `;
    return {exitCode: error.exitCode, stderr: `${prefix}: ${displayText(`${where}${oneLine(error.message)}`)}${stack}\n`};
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: ExitCode.Internal,
    stderr: `${prefix}: internal error: ${displayText(oneLine(message))}${stack || (debug ? '' : ' (set DEBUG=1 for details)')}\n`,
  };
}

/**
 * Multi-line text joined into one line (oclif words its parse errors on
 * several lines, with a hint last). A line starting in lower case continues
 * the one before; a new sentence is set off with `; ` unless the line before
 * already ends in `.` or `:`.
 */
export function oneLine(text: string): string {
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
