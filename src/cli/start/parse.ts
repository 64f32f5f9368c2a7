// The one command-line parser: a command's argv read with its spec exactly as
// oclif reads it (the forms its help and README document), so oclif is needed
// only to render help. `--flag=value`, `--flag value`, `-f value`, `-fvalue`,
// `-f=value`, `--no-flag`, repeatable flags (one value each, or every word up
// to the next flag when greedy), `--` ending the flags, integers with a
// minimum. A problem is a usage error (exit 2) in one line of our own words
// (the top level puts `aigc <command>: ` before it), with the flag a typo was
// probably meant to be.
import {CliError, ExitCode} from '../exit-codes.js';
import {type ArgSpec, type CommandSpec, commandWords, type FlagSpec, type Parsed} from './spec.js';
import {nearestWord} from '../../nearest-word.js';

type Token = {kind: 'flag'; flag: string; input: string} | {kind: 'arg'; arg: string | undefined; input: string};

/** `argv` (the words after the command's own) as the spec's flags and arguments. */
export function parseCommandLine<S extends CommandSpec>(spec: S, argv: readonly string[]): Parsed<S> {
  const words = withOptionalValues(spec, argv);
  const scan = new Scan(spec, words);
  const tokens = scan.run();
  const {args, positionals} = argValues(spec, tokens);
  const flags = flagValues(spec, tokens);
  // Arguments in the order they were given, as oclif sorts them: equal words by the first, a value split off `--flag=value` first of all.
  positionals.sort((a, b) => words.indexOf(a) - words.indexOf(b));
  validate(spec, scan.unknown, positionals, args, flags);
  return {flags, args, argv: positionals} as Parsed<S>;
}

/**
 * A flag whose value is optional, given alone, means its `whenAlone` value
 * (`-u` is `--update=all`); a next word that is one of its values is refused,
 * as it would be read as an argument.
 */
function withOptionalValues(spec: CommandSpec, argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((word, index) => {
    if (end !== -1 && index > end) return word;
    const entry = Object.entries(spec.flags).find(([name, flag]) => flag.optionalValue && (word === `--${name}` || (flag.char && word === `-${flag.char}`)));
    if (entry === undefined) return word;
    const [name, flag] = entry;
    const {whenAlone, values} = flag.optionalValue!;
    const next = argv[index + 1];
    if (next !== undefined && values.includes(next)) {
      throw usage(`${word} ${next}: write the value of ${word} after an = sign (${word}=${next}); ${word} alone means ${whenAlone}`);
    }
    return `--${name}=${whenAlone}`;
  });
}

/** The left-to-right reading of argv into flag and argument tokens. */
class Scan {
  readonly unknown: string[] = [];
  private readonly queue: string[];
  private readonly tokens: Token[] = [];
  private readonly argNames: string[];
  /** The last flag that took a value: a greedy one takes the words after it. */
  private current: {name: string; flag: FlagSpec} | undefined;

  constructor(
    private readonly spec: CommandSpec,
    argv: string[],
  ) {
    this.queue = [...argv];
    this.argNames = Object.keys(spec.args);
  }

  run(): Token[] {
    let readingFlags = true;
    while (this.queue.length > 0) {
      const input = this.queue.shift()!;
      if (readingFlags && input.startsWith('-') && input !== '-') {
        if (input === '--') {
          readingFlags = false;
          continue;
        }
        if (this.flag(input)) continue;
        // A negative number is an argument; anything else with a dash, an unknown flag.
        if (!/^-\d/.test(input)) {
          this.unknown.push(input);
          continue;
        }
      }
      if (readingFlags && this.current?.flag.multiple && this.current.flag.greedy) {
        this.tokens.push({kind: 'flag', flag: this.current.name, input});
        continue;
      }
      this.tokens.push({kind: 'arg', arg: this.argNames[this.tokens.filter((token) => token.kind === 'arg').length], input});
    }
    return this.tokens;
  }

  /** Reads one flag word (and its value); false when it names no flag. */
  private flag(word: string): boolean {
    const {isLong, name} = this.find(word);
    if (name === undefined) {
      // `--name=value` and `--no-name=value`: the value is read as the next word.
      const equals = word.indexOf('=');
      if (equals === -1) return false;
      this.queue.unshift(word.slice(equals + 1));
      const found = this.flag(word.slice(0, equals));
      if (!found) this.queue.shift();
      return found;
    }
    const flag = this.spec.flags[name];
    if (flag.type === 'boolean') {
      this.tokens.push({kind: 'flag', flag: name, input: word});
      // `-abc`: the letters after the first are flags of their own.
      if (!isLong && word.length > 2) this.queue.unshift(`-${word.slice(2)}`);
      return true;
    }
    if (!flag.multiple && this.tokens.some((token) => token.kind === 'flag' && token.flag === name)) {
      throw usage(`--${name} was given twice; give it once`);
    }
    this.current = {name, flag};
    const input = isLong || word.length < 3 ? this.queue.shift() : word.slice(word[2] === '=' ? 3 : 2);
    if (input === undefined || this.find(input).name !== undefined) {
      throw usage(`--${name} needs a value${flag.options ? `: one of ${flag.options.join(', ')}` : ''}`);
    }
    this.tokens.push({kind: 'flag', flag: name, input});
    return true;
  }

  /** The flag a word names: `--name`, `--no-name` (a boolean that allows it) or `-c`. */
  private find(word: string): {isLong: boolean; name: string | undefined} {
    const flags = this.spec.flags;
    if (word.startsWith('--')) {
      const long = word.slice(2);
      if (Object.hasOwn(flags, long)) return {isLong: true, name: long};
      const negated = word.startsWith('--no-') ? word.slice(5) : undefined;
      const name = negated !== undefined && flags[negated]?.type === 'boolean' && flags[negated].allowNo ? negated : undefined;
      return {isLong: true, name};
    }
    if (!word.startsWith('-')) return {isLong: false, name: undefined};
    const char = word[1];
    const name = char === undefined ? undefined : Object.keys(flags).find((key) => flags[key].char === char);
    return {isLong: false, name};
  }
}

function argValues(spec: CommandSpec, tokens: Token[]): {args: Record<string, string>; positionals: string[]} {
  const given = tokens.filter((token): token is Extract<Token, {kind: 'arg'}> => token.kind === 'arg');
  const args: Record<string, string> = {};
  const positionals: string[] = [];
  for (const [name, arg] of Object.entries(spec.args)) {
    const token = given.find((candidate) => candidate.arg === name);
    if (token === undefined) continue;
    if (arg.options && !arg.options.includes(token.input)) {
      throw usage(`unknown ${name.toUpperCase()} "${token.input}"; expected one of: ${arg.options.join(', ')}`);
    }
    args[name] = token.input;
    positionals.push(token.input);
  }
  for (const token of given) if (token.arg === undefined || args[token.arg] === undefined) positionals.push(token.input);
  return {args, positionals};
}

function flagValues(spec: CommandSpec, tokens: Token[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const inputs = tokens.filter((token) => token.kind === 'flag' && token.flag === name).map((token) => token.input);
    if (inputs.length === 0) continue;
    if (flag.type === 'boolean') {
      values[name] = inputs.at(-1) !== `--no-${name}`;
      continue;
    }
    const parsed = inputs.map((input) => flagValue(name, flag, input));
    values[name] = flag.multiple ? parsed : parsed[0];
  }
  return values;
}

function flagValue(name: string, flag: FlagSpec, input: string): string | number {
  if (flag.options && !flag.options.includes(input)) throw usage(`unknown value "${input}" for --${name}; expected one of: ${flag.options.join(', ')}`);
  if (flag.type !== 'integer') return input;
  if (!/^-?\d+$/.test(input)) throw usage(`--${name} must be a whole number, not "${input}"`);
  const value = Number.parseInt(input, 10);
  if (flag.min !== undefined && value < flag.min) throw usage(`--${name} must be at least ${flag.min}, not "${input}"`);
  return value;
}

/** What is checked once everything is read, in oclif's order. */
function validate(spec: CommandSpec, unknown: string[], positionals: string[], args: Record<string, string>, flags: Record<string, unknown>): void {
  if (unknown.length > 0) throw unknownFlags(spec, unknown);
  const names = Object.keys(spec.args).map((name) => name.toUpperCase());
  if (!spec.variadic && positionals.length > names.length) {
    const extras = positionals.slice(names.length);
    const takes = names.length === 0 ? 'takes no arguments' : `takes ${names.length === 1 ? 'one argument' : `${names.length} arguments`} (${names.join(' ')})`;
    throw usage(`unexpected argument${extras.length === 1 ? '' : 's'} ${extras.map((extra) => JSON.stringify(extra)).join(', ')}: aigc ${commandWords(spec)} ${takes}`);
  }
  const missing = Object.entries(spec.args).filter(([name, arg]) => arg.required && args[name] === undefined);
  if (missing.length > 0) throw usage(`missing ${missing.map(([name, arg]) => `argument ${name.toUpperCase()}: ${described(arg)}`).join('; ')}`);
  const unset = Object.entries(spec.flags).filter(([name, flag]) => flag.required && flags[name] === undefined);
  if (unset.length > 0) throw usage(`missing ${unset.map(([name, flag]) => `--${name}: ${described(flag)}`).join('; ')}`);
}

/** An argument's or flag's description as the rest of a sentence: `policy file, folder or glob`. */
function described(item: ArgSpec | FlagSpec): string {
  return item.description.replace(/\.$/, '').replace(/^[A-Z](?![A-Z])/, (letter) => letter.toLowerCase());
}

/** The flags not known, each with the one it was probably meant to be. */
function unknownFlags(spec: CommandSpec, unknown: string[]): CliError {
  const known = Object.entries(spec.flags).flatMap(([name, flag]) => [`--${name}`, ...(flag.allowNo ? [`--no-${name}`] : []), ...(flag.char ? [`-${flag.char}`] : [])]);
  const guesses = unknown.map((word) => {
    const typed = word.startsWith('--') ? word.split('=')[0] : word;
    return {typed, near: typed.startsWith('--') ? nearestWord(typed, known.filter((flag) => flag.startsWith('--'))) : undefined};
  });
  const help = `"aigc ${commandWords(spec)} --help" lists its flags`;
  if (guesses.length === 1) {
    const [{typed, near}] = guesses;
    return usage(`unknown flag ${typed}; ${near === undefined ? help : `did you mean ${near}?`}`);
  }
  return usage(`unknown flags ${guesses.map(({typed, near}) => (near === undefined ? typed : `${typed} (did you mean ${near}?)`)).join(', ')}; ${help}`);
}

/** A usage error (exit 2). */
function usage(message: string): CliError {
  return new CliError(message, ExitCode.Usage);
}
