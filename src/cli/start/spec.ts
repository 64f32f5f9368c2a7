// A command as plain data: its words, help texts, arguments and flags. Every
// command has one spec; the oclif command class (help, manifest, README), the
// command-line parser and the TypeScript type of the parsed values are all
// derived from it, so a flag is added in its spec and where it is used, nowhere
// else. Nothing here loads oclif.

import type {ProjectConfig} from '../../config/types.js';

export type FlagType = 'string' | 'boolean' | 'integer';

export interface FlagSpec {
  type: FlagType;
  /** The one-letter form (`-f`). */
  char?: string;
  description: string;
  /** The placeholder help shows for the value (`--output=FILE`). */
  helpValue?: string;
  /** Repeatable: every occurrence is kept, in order. */
  multiple?: boolean;
  /**
   * With `multiple`: the words after the flag are all its values, up to the
   * next flag (`-i a.jsonl b.jsonl`); without it each occurrence takes one.
   */
  greedy?: boolean;
  /** A boolean that also takes a `--no-` form. */
  allowNo?: boolean;
  /** The only values accepted (checked by the parser, listed by help). */
  options?: readonly string[];
  /** An integer's smallest accepted value. */
  min?: number;
  /**
   * The values the command accepts, checked by the command itself (its usage
   * error names them) rather than by the parser; the project config's schema
   * lists them too.
   */
  choices?: readonly string[];
  /** A string flag whose value is a number (`--threshold 80`): the project config may write it as one. */
  numeric?: boolean;
  /** A file or folder: written in the project config, it is relative to the config file's folder. */
  isPath?: boolean;
  required?: boolean;
  /**
   * The value may be left out: the flag alone means `whenAlone` (`-u` is
   * `-u=all`), and a value follows an `=` only. A next word that is one of
   * `values` is refused with the form that works: it would be read as an argument.
   */
  optionalValue?: {whenAlone: string; values: readonly string[]};
}

export interface ArgSpec {
  description: string;
  required?: boolean;
  /** The only values accepted. */
  options?: readonly string[];
}

export interface CommandExample {
  description: string;
  /** With `<%= config.bin %>` and `<%= command.id %>` for the program and the command words. */
  command: string;
}

export interface CommandSpec {
  /** The command words joined by `:` (`policy:lint`). */
  id: string;
  summary: string;
  description: string;
  examples: readonly CommandExample[];
  /** A hand-written usage line, for flags help would show misleadingly (replay's `-u[=VALUE]`). */
  usage?: string;
  /** Positional arguments, in order. */
  args: Readonly<Record<string, ArgSpec>>;
  /** The last argument may be given any number of times (`PATH...`). */
  variadic?: boolean;
  flags: Readonly<Record<string, FlagSpec>>;
  /**
   * The section of the project config (`.aigc.yaml`) that gives this
   * command's flags their defaults, and the flags it may give; a flag on the
   * command line wins. The config's top-level `now` applies to a command
   * whose list has `now`.
   */
  config?: {section: string; flags: readonly string[]};
}

/** The command line of a command (`policy lint`). */
export function commandWords(spec: Pick<CommandSpec, 'id'>): string {
  return spec.id.split(':').join(' ');
}

/** Checks a spec's shape at compile time while keeping its literal types, which the value types are derived from. */
export function defineCommand<const S extends CommandSpec>(spec: S): S {
  return spec;
}

type OptionValue<S extends FlagSpec> = S['options'] extends readonly (infer O extends string)[] ? O : string;

/** The parsed value of one flag. */
export type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['type'] extends 'integer'
    ? number
    : S['multiple'] extends true
      ? OptionValue<S>[]
      : OptionValue<S>;

type RequiredKeys<F extends Readonly<Record<string, FlagSpec>>> = {[K in keyof F]: F[K]['required'] extends true ? K : never}[keyof F];

/** The parsed flags of a command: a flag not given is absent, except required ones. */
export type FlagValues<F extends Readonly<Record<string, FlagSpec>>> = {
  -readonly [K in Exclude<keyof F, RequiredKeys<F>>]?: FlagValue<F[K]>;
} & {-readonly [K in RequiredKeys<F>]: FlagValue<F[K]>};

/** The parsed arguments by name: required ones are present. */
export type ArgValues<A extends Readonly<Record<string, ArgSpec>>> = {
  -readonly [K in keyof A]: A[K]['required'] extends true ? string : string | undefined;
};

/** What the parser makes of a command's argv. */
export interface Parsed<S extends CommandSpec = CommandSpec> {
  flags: FlagValues<S['flags']>;
  args: ArgValues<S['args']>;
  /** Every positional argument, in order (for a variadic last argument, all its values). */
  argv: string[];
  /** The project config the flags took their defaults from, for a command that reads one. */
  config?: ProjectConfig;
}
