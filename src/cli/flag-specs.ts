// Flags as plain data: the oclif commands build their flags from these specs,
// and the fast start-up paths (bin/run.js) parse argv with them, so the two
// can never disagree. Nothing here loads oclif.

export interface FlagSpec {
  type: 'string' | 'boolean';
  char?: string;
  description: string;
  helpValue?: string;
  /** Repeatable: every occurrence is kept, in order. */
  multiple?: boolean;
  /** A boolean that also takes a `--no-` form. */
  allowNo?: boolean;
}

/** `-f/--format`, `--json`, `-o/--output` and `--color/--no-color` for a command with these formats. */
export function reportFlagSpecs(formats: readonly string[]) {
  return {
    format: {type: 'string', char: 'f', description: `Output format: ${formats.join(', ')}.`, helpValue: formats.join('|')},
    json: {type: 'boolean', description: 'Same as --format json.'},
    output: {type: 'string', char: 'o', description: 'Write the report to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
    color: {
      type: 'boolean',
      allowNo: true,
      description: 'Colour the output, or not with --no-color (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured).',
    },
  } as const satisfies Record<string, FlagSpec>;
}
