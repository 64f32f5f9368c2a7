// The flags every report command shares, defined once so their names,
// descriptions and meaning are the same everywhere; and oclif flags built
// from plain flag specs (see flag-specs.ts).
import {Flags} from '@oclif/core';
import {type FlagSpec, reportFlagSpecs} from './flag-specs.js';

/** `-f/--format`, `--json`, `-o/--output` and `--color/--no-color` for a command with these formats. */
export function reportFlags(formats: readonly string[]) {
  const specs = reportFlagSpecs(formats);
  return {
    format: Flags.string({char: specs.format.char, description: specs.format.description, helpValue: specs.format.helpValue}),
    json: Flags.boolean({description: specs.json.description}),
    output: Flags.string({char: specs.output.char, description: specs.output.description, helpValue: specs.output.helpValue}),
    color: Flags.boolean({allowNo: specs.color.allowNo, description: specs.color.description}),
  };
}

type Letter = NonNullable<Parameters<typeof Flags.string>[0]>['char'];

/** The oclif flag of a spec taking one value. */
export function stringFlag(spec: FlagSpec) {
  return Flags.string({char: spec.char as Letter, description: spec.description, helpValue: spec.helpValue});
}

/** The oclif flag of a repeatable spec: one value per occurrence (`--gate a --gate b`). */
export function listFlag(spec: FlagSpec) {
  return Flags.string({char: spec.char as Letter, description: spec.description, helpValue: spec.helpValue, multiple: true, multipleNonGreedy: true});
}

/** The oclif flag of a boolean spec. */
export function booleanFlag(spec: FlagSpec) {
  return Flags.boolean({char: spec.char as Letter, description: spec.description, allowNo: spec.allowNo});
}
