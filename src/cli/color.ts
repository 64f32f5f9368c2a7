// The one place that decides whether output is coloured. Reporters and views
// receive the decision; nothing else reads NO_COLOR, FORCE_COLOR or isTTY, and
// nothing relies on chalk's own detection (which ignores NO_COLOR).
import {Chalk, type ChalkInstance, type ColorSupportLevel} from 'chalk';

/** The stream output goes to: only whether it is a terminal and how many colours it shows matter. */
export interface ColorTarget {
  isTTY?: boolean;
  /** Node's `tty.WriteStream#getColorDepth` (1, 4, 8 or 24 bits). */
  getColorDepth?: (env?: Record<string, string | undefined>) => number;
}

export interface ColorInputs {
  /** The stream the coloured text is written to (stdout for reports, stderr for diagnostics). */
  stream: ColorTarget;
  /** `--color` (true), `--no-color` (false), or neither given (undefined). */
  colorFlag?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Machine formats (json, sarif, github, junit, tap, …) are never coloured. */
  machineFormat?: boolean;
}

/**
 * The colour level for output, first rule that applies wins:
 * 1. a machine format: no colour, whatever else is set;
 * 2. `--no-color`: none; `--color`: forced on (the terminal's depth, at least 16 colours);
 * 3. `NO_COLOR` set to a non-empty value: none (it beats `FORCE_COLOR`, since a user's
 *    "never" should outlast a CI system's blanket "force");
 * 4. `FORCE_COLOR`: `0`/`false` none; `1`/`true`/empty 16 colours; `2` 256; `3` truecolor,
 *    also when the stream is not a terminal;
 * 5. otherwise colour only when the stream is a TTY, at the depth it reports
 *    (`TERM=dumb` reports none).
 */
export function colorLevel(inputs: ColorInputs): ColorSupportLevel {
  if (inputs.machineFormat) return 0;
  if (inputs.colorFlag === false) return 0;
  if (inputs.colorFlag === true) return Math.max(1, terminalLevel(inputs.stream, inputs.env)) as ColorSupportLevel;
  if ((inputs.env.NO_COLOR ?? '') !== '') return 0;
  const forced = forceColorLevel(inputs.env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  return inputs.stream.isTTY ? terminalLevel(inputs.stream, inputs.env) : 0;
}

/** Whether output is coloured at all. */
export function shouldColor(inputs: ColorInputs): boolean {
  return colorLevel(inputs) > 0;
}

/** A chalk instance fixed to the decided level, so chalk's own environment detection plays no part. */
export function chalkFor(inputs: ColorInputs): ChalkInstance {
  return chalkAtLevel(colorLevel(inputs));
}

/** A chalk instance at a given level; level 0 returns every string unchanged. */
export function chalkAtLevel(level: ColorSupportLevel): ChalkInstance {
  return new Chalk({level});
}

function forceColorLevel(value: string | undefined): ColorSupportLevel | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase();
  if (normalized === '' || normalized === 'true') return 1;
  if (normalized === 'false') return 0;
  const level = Number.parseInt(normalized, 10);
  if (Number.isNaN(level)) return 1;
  return Math.min(Math.max(level, 0), 3) as ColorSupportLevel;
}

function terminalLevel(stream: ColorTarget, env: ColorInputs['env']): ColorSupportLevel {
  // Node reads TERM and friends from the env it is given; pass ours so the decision stays testable.
  const depth = stream.getColorDepth?.({...env}) ?? 4;
  if (depth >= 24) return 3;
  if (depth >= 8) return 2;
  if (depth >= 4) return 1;
  return 0;
}
