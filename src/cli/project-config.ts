// Applying the project config (`.aigc.yaml`) to a command line, in one place
// for every command (the start path calls it between parsing and running): the
// command's section gives the flags its spec lists their defaults, the
// top-level `now` the default of --now; a flag on the command line wins. A
// path in the config is relative to the config file's folder. A problem with
// the file is one line at its file:line:column (exit 2; 3 when it cannot be read).

import path from 'node:path';
import {ConfigFileError} from '../config/errors.js';
import {findProjectConfig} from '../config/find.js';
import type {ProjectConfig} from '../config/types.js';
import {CliError, ExitCode} from './exit-codes.js';
import type {CommandSpec, FlagSpec, Parsed} from './start/spec.js';

/** `parsed` with the config's defaults filled in, and the config itself; unchanged for a command that reads none. */
export async function withProjectConfig<S extends CommandSpec>(spec: S, parsed: Parsed<S>, cwd: string): Promise<Parsed<S>> {
  if (spec.config === undefined) return parsed;
  const flags = parsed.flags as Record<string, unknown>;
  const config = await loadConfig(flags.config as string | undefined, cwd);
  if (config === undefined) return parsed;
  const section = (config.settings as Record<string, unknown>)[spec.config.section] as Record<string, unknown> | undefined;
  const given: Record<string, unknown> = {...section, now: config.settings.now};
  const merged: Record<string, unknown> = {...flags};
  for (const name of spec.config.flags) {
    const value = given[name];
    if (value === undefined || merged[name] !== undefined) continue;
    // `--json` on the command line is a format chosen there.
    if (name === 'format' && merged.json === true) continue;
    merged[name] = flagValue(spec.flags[name], value, config, cwd);
  }
  return {...parsed, flags: merged as Parsed<S>['flags'], config};
}

async function loadConfig(given: string | undefined, cwd: string): Promise<ProjectConfig | undefined> {
  const file = given ?? shown(findProjectConfig(cwd), cwd);
  if (file === undefined) return undefined;
  // The reader (a YAML parser and a schema check) is loaded only when there is a file to read.
  const {readProjectConfig} = await import('../config/read.js');
  try {
    return readProjectConfig(file, cwd);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    throw new CliError(error.message, error.code === 'UNREADABLE' ? ExitCode.Internal : ExitCode.Usage, error.sourceLocation);
  }
}

/** A found config file as messages name it: relative to the working folder. */
function shown(file: string | undefined, cwd: string): string | undefined {
  return file === undefined ? undefined : path.relative(cwd, file) || file;
}

/** A config value as the parser would have given the flag (the schema has checked its type). */
function flagValue(flag: FlagSpec, value: unknown, config: ProjectConfig, cwd: string): unknown {
  const one = (item: unknown): unknown => {
    if (flag.type === 'boolean') return item;
    if (flag.type === 'integer') return Number(item);
    const text = String(item);
    return flag.isPath ? path.relative(cwd, path.resolve(config.folder, text)) || '.' : text;
  };
  if (flag.multiple) return (Array.isArray(value) ? value : [value]).map(one);
  return one(value);
}
