// Choosing a report format from `-f/--format` and `--json`, with a default that
// depends on whether stdout is a terminal. A bad value is a usage error (exit 2).
import {usageError} from './exit-codes.js';

/** The formats a command accepts and its defaults. */
export interface FormatSpec<F extends string> {
  /** Every format, in the order help and the usage error list them. */
  names: readonly F[];
  /** Used when no format is asked for and stdout is a terminal. */
  terminalDefault: F;
  /** Used when no format is asked for and stdout is a pipe or a file (or `-o` is given). */
  pipeDefault: F;
}

export interface FormatRequest {
  /** The `-f/--format` value, if given. */
  format?: string;
  /** `--json`, which means `-f json`. */
  json?: boolean;
  /** Whether the report goes to a terminal (stdout is a TTY and no `-o/--output`). */
  toTerminal: boolean;
}

/** The formats meant for programs rather than people; they are never coloured. */
export const MACHINE_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'github', 'junit', 'tap']);

export function isMachineFormat(format: string): boolean {
  return MACHINE_FORMATS.has(format);
}

/**
 * The format to write. `--json` is `-f json` (and agrees with `-f json`, but
 * conflicts with any other `-f`); without either, the spec's terminal or pipe default.
 */
export function selectFormat<F extends string>(request: FormatRequest, spec: FormatSpec<F>): F {
  if (request.json) {
    if (request.format !== undefined && request.format !== 'json') {
      throw usageError(`--json conflicts with --format ${request.format}; use one of them`);
    }
    if (!spec.names.some((format) => format === 'json')) {
      throw usageError(`--json is not available for this command; use --format with one of: ${spec.names.join(', ')}`);
    }
    return 'json' as F;
  }
  if (request.format === undefined) return request.toTerminal ? spec.terminalDefault : spec.pipeDefault;
  return parseFormat(request.format, spec.names);
}

/** `value` as one of `allowed`, or a usage error naming the allowed values. */
export function parseFormat<F extends string>(value: string, allowed: readonly F[]): F {
  const match = allowed.find((format) => format === value);
  if (match === undefined) {
    throw usageError(`unknown format "${value}" for --format; expected one of: ${allowed.join(', ')}`);
  }
  return match;
}
