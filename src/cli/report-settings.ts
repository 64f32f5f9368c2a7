// Turns a report command's flags and its stdout into the three decisions every
// report needs: which format, whether to colour, and where the report goes.
import {type ColorTarget, shouldColor} from './color.js';
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
