// The flags every report command shares, defined once so their names,
// descriptions and meaning are the same everywhere.
import {Flags} from '@oclif/core';

/** `-f/--format`, `--json`, `-o/--output` and `--color/--no-color` for a command with these formats. */
export function reportFlags(formats: readonly string[]) {
  return {
    format: Flags.string({
      char: 'f',
      description: `Output format: ${formats.join(', ')}.`,
      helpValue: formats.join('|'),
    }),
    json: Flags.boolean({
      description: 'Same as --format json.',
    }),
    output: Flags.string({
      char: 'o',
      description: 'Write the report to FILE (replaced atomically) instead of stdout.',
      helpValue: 'FILE',
    }),
    color: Flags.boolean({
      allowNo: true,
      description: 'Colour the output, or not with --no-color (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured).',
    }),
  };
}
