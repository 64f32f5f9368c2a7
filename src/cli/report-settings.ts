// Turns a report command's flags and its stdout into the three decisions every
// report needs: which format, whether to colour, and where the report goes.
import {type ColorTarget, shouldColor} from './color.js';
import {usageError} from './exit-codes.js';
import {type FormatSpec, isMachineFormat, selectFormat} from './format.js';
import type {COLOR_FLAGS, reportFlags} from './specs/shared.js';
import type {FlagValues} from './start/spec.js';

/** The parsed values of the report flags (`reportFlags()`), and of `--color` where the report has it. */
export type ReportFlagValues = FlagValues<ReturnType<typeof reportFlags>> & Partial<FlagValues<typeof COLOR_FLAGS>>;

export interface ReportSettings<F extends string> {
  format: F;
  color: boolean;
  /** Where the report goes; undefined means stdout. */
  outputFile?: string;
}

export function reportSettings<F extends string>(
  flags: ReportFlagValues,
  spec: FormatSpec<F>,
  stdout: ColorTarget,
  env: Readonly<Record<string, string | undefined>>,
): ReportSettings<F> {
  const toFile = flags.output !== undefined;
  // A report written to a file is read later, not on this terminal.
  const target: ColorTarget = toFile ? {isTTY: false} : stdout;
  const format = selectFormat({format: flags.format, json: flags.json, toTerminal: target.isTTY === true}, spec);
  // Nor do environment-wide settings (a CI's FORCE_COLOR) put escape codes in a saved report: only --color does.
  const colorEnv = toFile ? {} : env;
  const color = shouldColor({stream: target, colorFlag: flags.color, env: colorEnv, machineFormat: isMachineFormat(format)});
  return {format, color, outputFile: flags.output};
}

/** A report in a second format, written to a file of its own (`-o FORMAT=FILE`). */
export interface ExtraOutput<F extends string> {
  format: F;
  file: string;
}

/**
 * The settings of a command whose `-o` is repeatable: `FORMAT=FILE` values
 * (FORMAT one of the report's formats) are extra outputs, never coloured; at
 * most one plain FILE, which takes the main report in place of stdout.
 */
export function reportOutputs<F extends string>(
  flags: Omit<ReportFlagValues, 'output'> & {output?: string[]},
  spec: FormatSpec<F>,
  stdout: ColorTarget,
  env: Readonly<Record<string, string | undefined>>,
): {settings: ReportSettings<F>; extra: ExtraOutput<F>[]} {
  const plain: string[] = [];
  const extra: ExtraOutput<F>[] = [];
  for (const value of flags.output ?? []) {
    const equals = value.indexOf('=');
    const format = spec.names.find((name) => name === value.slice(0, equals));
    if (equals > 0 && format !== undefined) {
      if (value.length === equals + 1) throw usageError(`-o ${value}: give the file to write the ${format} report to after the = sign`);
      extra.push({format, file: value.slice(equals + 1)});
    } else {
      plain.push(value);
    }
  }
  if (plain.length > 1) throw usageError(`-o ${plain[1]}: only one -o FILE takes the main report; write the others as FORMAT=FILE`);
  return {settings: reportSettings({...flags, output: plain[0]}, spec, stdout, env), extra};
}
