// Flags several commands share, written once so their names, help and meaning
// are the same everywhere: the report flags (from a report's own list of
// format names), the clock, and the enforcement settings.
import {DEFAULT_MAX_ARTIFACTS, DEFAULT_MAX_DELAY_MS} from '../../audit/group-commit.js';
import type {FormatSpec} from '../format.js';
import type {FlagSpec} from '../start/spec.js';

/** What every `--now` flag says about its value, so the help is the same everywhere. */
export const NOW_HELP = 'epoch seconds or an ISO-8601 instant; without an offset the time is UTC';

/** What `policy lint` and `policy test` read without a PATH (src/cli/project-paths.ts). */
export const PROJECT_PATHS_HELP =
  'Without a PATH, the project: the folder of the project config (.aigc.yaml, found in the working folder or the nearest folder above it, or --config), its policies and suites globs choosing the files; without a config, the working folder.';

/**
 * `-o FILE` or `-o FORMAT=FILE`, repeatable, for the commands CI runs with
 * several consumers at once (`-f github -o junit=report.xml -o sarif=lint.sarif`).
 */
export function severalOutputsFlag(formats: FormatSpec<string>) {
  return {
    type: 'string',
    char: 'o',
    multiple: true,
    description: `Write the report to FILE (replaced atomically) instead of stdout; FORMAT=FILE (FORMAT one of ${formats.names.join(', ')}) also writes that format to FILE, whatever --format says. Repeatable: one plain FILE, any number of FORMAT=FILE.`,
    helpValue: '[FORMAT=]FILE',
    isPath: true,
  } as const satisfies FlagSpec;
}

/** `-f/--format`, `--json` and `-o/--output` for a report with these formats. */
export function reportFlags(formats: FormatSpec<string>) {
  const names = formats.names.join(', ');
  return {
    // No `options`: a bad value is our usage error naming the formats (src/cli/format.ts).
    format: {type: 'string', char: 'f', description: `Output format: ${names}.`, helpValue: formats.names.join('|'), choices: formats.names},
    json: {type: 'boolean', description: 'Same as --format json.'},
    output: {type: 'string', char: 'o', description: 'Write the report to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE', isPath: true},
  } as const satisfies Record<string, FlagSpec>;
}

/** `--color/--no-color`, for a report with a format that colours its text (not compliance export's: json, markdown, html). */
export const COLOR_FLAGS = {
  color: {
    type: 'boolean',
    allowNo: true,
    description: 'Colour the output, or not with --no-color (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured).',
  },
} as const satisfies Record<string, FlagSpec>;

/** The sentence every command that reads records says of empty input, with what it then does. */
export function emptyInputHelp(records: string, outcome: string): string {
  return `Empty input (no bytes, or blank lines only) is said once on stderr ("FILE: empty input: no ${records}"); then ${outcome}.`;
}

export const STRICT_FLAG = {
  type: 'boolean',
  description: 'Strict mode: refuse policies whose preconditions are bare strings rather than typed (FAIL at policy validation).',
} as const satisfies FlagSpec;

export const GATE_FLAG = {
  type: 'string',
  multiple: true,
  description:
    'Load custom gates from the ES module FILE (repeatable): its default export, or else its named exports, each a gate ({name, insertionPoint, evaluate}) or an array of gates. A module that fails to load or exports no gate is an error.',
  helpValue: 'FILE',
} as const satisfies FlagSpec;

export const REDACT_FLAG = {
  type: 'string',
  multiple: true,
  description:
    'Redact matches of REGEX (Python syntax) in failure messages as [REDACTED:NAME] (repeatable). Given at all, these replace the default patterns (api_key, bearer_token, email, ssn) entirely.',
  helpValue: 'NAME=REGEX',
} as const satisfies FlagSpec;

/** `--config FILE`, for the commands a project config gives defaults to. */
export const CONFIG_FLAG = {
  type: 'string',
  description:
    'Read the project config from FILE (default: .aigc.yaml or .aigc.yml in the working folder or the nearest folder above it; see `aigc schema config`). Flags given on the command line win over it.',
  helpValue: 'FILE',
} as const satisfies FlagSpec;

/** `--durability` (chain append, enforce --chain). */
export const DURABILITY_HELP = `When chained artifacts are synced to disk: batch (default) takes the lock once per batch (up to ${DEFAULT_MAX_ARTIFACTS} artifacts or ${DEFAULT_MAX_DELAY_MS} ms) and reports its artifacts only after one write and one fdatasync, so a power failure loses nothing reported, only the batch being written; each syncs and reports one artifact at a time (the same guarantee, one artifact at risk, one sync per artifact); none never syncs (a power failure can lose artifacts already reported and leave a torn last line; for tests).`;
