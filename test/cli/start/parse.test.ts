// The command-line parser reads every command's argv as oclif reads it: the
// same flags, arguments and order, and a refusal where oclif refuses (for the
// same reason, about the same flag), checked against oclif's own parser on
// thousands of generated command lines; the refusals are in aigc's own words.
import './wide-oclif.js';
import {Parser} from '@oclif/core';
import {describe, expect, it} from 'vitest';
import {oneLine} from '../../../src/cli/diagnostics.js';
import {CliError} from '../../../src/cli/exit-codes.js';
import {oclifCommand} from '../../../src/cli/oclif-command.js';
import {COMMANDS} from '../../../src/cli/start/commands.js';
import {parseCommandLine} from '../../../src/cli/start/parse.js';
import type {CommandSpec, Parsed} from '../../../src/cli/start/spec.js';
import {COMPLIANCE_EXPORT} from '../../../src/cli/specs/compliance-export.js';
import {EXPORT_PARQUET} from '../../../src/cli/specs/export-parquet.js';
import {ENFORCE} from '../../../src/cli/specs/enforce.js';
import {POLICY_LINT} from '../../../src/cli/specs/policy-lint.js';
import {POLICY_TEST} from '../../../src/cli/specs/policy-test.js';
import {POLICY_VALIDATE} from '../../../src/cli/specs/policy-validate.js';
import {REPLAY} from '../../../src/cli/specs/replay.js';
import {CHAIN_APPEND} from '../../../src/cli/specs/chain-append.js';
import {CHAIN_VERIFY} from '../../../src/cli/specs/chain-verify.js';
import {SCHEMA} from '../../../src/cli/specs/schema.js';

function refusal(spec: CommandSpec, argv: string[]): string {
  try {
    parseCommandLine(spec, argv);
  } catch (error) {
    if (error instanceof CliError) return `${error.exitCode} ${error.message}`;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('the command-line parser', () => {
  it('parses paths and flags as oclif does', () => {
    expect(parseCommandLine(POLICY_TEST, ['fixtures/suites', '-f', 'json', '--run', 'role', '--bail', '--gate', 'a.mjs', '--gate', 'b.mjs', '--no-color'])).toEqual({
      argv: ['fixtures/suites'],
      args: {path: 'fixtures/suites'},
      flags: {format: 'json', run: 'role', bail: true, gate: ['a.mjs', 'b.mjs'], color: false},
    });
    expect(parseCommandLine(POLICY_TEST, ['--output=report.xml', '--format=junit', 'a', 'b']).argv).toEqual(['a', 'b']);
    expect(parseCommandLine(POLICY_TEST, ['--', '--color'])).toMatchObject({argv: ['--color'], flags: {}});
  });

  it('reads -f VALUE, -fVALUE and -f=VALUE alike', () => {
    for (const argv of [['-f', 'json'], ['-fjson'], ['-f=json'], ['--format=json'], ['--format', 'json']]) {
      expect(parseCommandLine(POLICY_LINT, ['p', ...argv]).flags).toEqual({format: 'json'});
    }
  });

  it('gives a repeatable flag one value per occurrence, and a greedy one the words up to the next flag', () => {
    expect(() => parseCommandLine(ENFORCE, ['--gate', 'a.mjs', 'extra'])).toThrow('unexpected argument "extra": aigc enforce takes no arguments');
    expect(parseCommandLine(COMPLIANCE_EXPORT, ['-i', 'a.jsonl', 'b.jsonl', '--lineage', 'c.jsonl']).flags).toEqual({input: ['a.jsonl', 'b.jsonl', 'c.jsonl'], lineage: true});
  });

  it('reads integers with their minimum', () => {
    expect(parseCommandLine(CHAIN_VERIFY, ['t.jsonl', '--max-errors', '010']).flags).toEqual({'max-errors': 10});
    expect(refusal(CHAIN_VERIFY, ['t.jsonl', '--max-errors', '0'])).toBe('2 --max-errors must be at least 1, not "0"');
    expect(refusal(POLICY_LINT, ['p', '--max-warnings', 'many'])).toBe('2 --max-warnings must be a whole number, not "many"');
  });

  it('refuses what oclif refuses, in one line of its own words', () => {
    expect(refusal(POLICY_TEST, ['--no-such-flag'])).toBe('2 unknown flag --no-such-flag; "aigc policy test --help" lists its flags');
    expect(refusal(POLICY_TEST, ['--run'])).toBe('2 --run needs a value');
    expect(refusal(POLICY_LINT, ['p', '-f', 'json', '-f', 'text'])).toBe('2 --format was given twice; give it once');
    expect(refusal(POLICY_VALIDATE, [])).toBe('2 missing argument PATH: policy file, folder or glob (several may be given)');
    expect(refusal(SCHEMA, ['nonsense'])).toBe('2 unknown NAME "nonsense"; expected one of: policy, audit-artifact, invocation, policy-test-suite, golden-fixture, replay-report, coverage-report, config, parquet');
    expect(refusal(SCHEMA, ['policy', 'extra'])).toBe('2 unexpected argument "extra": aigc schema takes one argument (NAME)');
    expect(refusal(REPLAY, ['f', '--mode', 'bad'])).toBe('2 unknown value "bad" for --mode; expected one of: unified, split');
    expect(refusal(CHAIN_APPEND, ['t.jsonl', '--durability'])).toBe('2 --durability needs a value: one of batch, each, none');
    expect(refusal(EXPORT_PARQUET, ['a.jsonl'])).toBe('2 missing --output: dataset folder (made when absent; extended when it holds a dataset)');
  });

  it('names the flag a mistyped one was probably meant to be', () => {
    expect(refusal(POLICY_LINT, ['p', '--fromat', 'json'])).toBe('2 unknown flag --fromat; did you mean --format?');
    expect(refusal(POLICY_LINT, ['p', '--fromat=json'])).toBe('2 unknown flag --fromat; did you mean --format?');
    expect(refusal(POLICY_TEST, ['--no-colour'])).toBe('2 unknown flag --no-colour; did you mean --no-color?');
    expect(refusal(CHAIN_VERIFY, ['t', '--max-error', '3', '--zzz'])).toBe('2 unknown flags --max-error (did you mean --max-errors?), --zzz; "aigc chain verify --help" lists its flags');
    // Too far from every flag to be a typo of one.
    expect(refusal(POLICY_LINT, ['p', '--x'])).toBe('2 unknown flag --x; "aigc policy lint --help" lists its flags');
  });

  it('takes the FILE arguments of compliance export beside its -i values', () => {
    expect(parseCommandLine(COMPLIANCE_EXPORT, ['a.jsonl', 'b.jsonl', '-i', 'c.jsonl'])).toMatchObject({argv: ['a.jsonl', 'b.jsonl'], flags: {input: ['c.jsonl']}});
  });

  it('reads a flag whose value may be left out: alone it has its default, and its value follows an =', () => {
    expect(parseCommandLine(REPLAY, ['f', '-u']).flags).toEqual({update: 'all'});
    expect(parseCommandLine(REPLAY, ['f', '--update=none']).flags).toEqual({update: 'none'});
    expect(parseCommandLine(REPLAY, ['f', '-u=new']).flags).toEqual({update: 'new'});
    expect(refusal(REPLAY, ['f', '-u', 'none'])).toBe('2 -u none: write the value of -u after an = sign (-u=none); -u alone means all');
  });
});

/** A small deterministic generator, so a failure names a command line that fails again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Words a user might type to this command: its flags in every form, values, arguments and near misses. */
function vocabulary(spec: CommandSpec): string[] {
  const words = ['--', '-', '', 'a.yaml', 'b.jsonl', 'a.yaml', '-1', '--nope', '-x', '-h', 'x=y', '--=x', '---format', '--no-nope'];
  for (const [name, flag] of Object.entries(spec.flags)) {
    words.push(`--${name}`, `--${name}=v`, `--${name}=`, `--no-${name}`, `--no-${name}=x`);
    if (flag.char) words.push(`-${flag.char}`, `-${flag.char}v`, `-${flag.char}=v`, `-${flag.char}=--${name}`);
    for (const value of [...(flag.options ?? []), ...(flag.optionalValue?.values ?? [])]) words.push(value, `--${name}=${value}`);
    if (flag.type === 'integer') words.push('0', '1', '007', '-3', '1.5', ' 2', '99999999999999999999');
  }
  for (const arg of Object.values(spec.args)) words.push(...(arg.options ?? []));
  return words;
}

type Outcome = {parsed: Omit<Parsed, 'args'> & {args: Record<string, unknown>}} | {refused: string};

/**
 * What a refusal is about, in either wording: the kind of problem and the
 * flag or words it names. oclif's messages and aigc's differ in words only.
 */
const REFUSALS: [kind: string, oclif: RegExp, ours: RegExp][] = [
  ['unknown flag', /^Nonexistent flags?: /, /^unknown flags? /],
  ['unexpected argument', /^Unexpected arguments?: ?(.*?);? ?See more help/, /^unexpected arguments? (.*): aigc /],
  ['missing argument', /^Missing \d+ required args?:/, /^missing argument /],
  ['missing flag', /^The following errors? occurred: Missing required flag (\S+);/, /^missing --(\S+):/],
  ['flag needs a value', /^Flag --(\S+) expects/, /^--(\S+) needs a value/],
  ['flag given twice', /^Flag --(\S+) can only be specified once/, /^--(\S+) was given twice/],
  ['unknown flag value', /^Expected --([^=\s]+)=.* to be one of/, /^unknown value ".*" for --(\S+);/],
  ['unknown argument value', /^Expected (.*?) ?to be one of/, /^unknown [A-Z]+ "(.*)"; expected/],
  ['bad integer', /^Parsing --(\S+);/, /^--(\S+) must be /],
  ['optional value after a space', /^(\S+ \S+): write the value/, /^(\S+ \S+): write the value/],
];

/** A refusal as `kind: subject`, so oclif's and aigc's can be compared. */
function refusalOf(message: string, wording: 'oclif' | 'ours'): string {
  for (const [kind, oclif, ours] of REFUSALS) {
    const match = (wording === 'oclif' ? oclif : ours).exec(message);
    if (match === null) continue;
    // Unexpected arguments are listed bare by oclif, quoted by aigc: the words alone are compared.
    const subject = (match[1] ?? '').replace(/[",\s]/g, '');
    return `${kind}: ${subject}`;
  }
  return `unrecognised ${wording} refusal: ${message}`;
}

function ours(spec: CommandSpec, argv: string[]): Outcome {
  try {
    const {flags, args, argv: positionals} = parseCommandLine(spec, argv);
    return {parsed: {flags, args: definedOnly(args), argv: positionals}};
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return {refused: refusalOf(error.message, 'ours')};
    throw error;
  }
}

async function oclifs(spec: CommandSpec, argv: string[]): Promise<Outcome> {
  const command = oclifCommand(spec);
  // oclif reads a missing argument from a piped stdin; aigc never does.
  const args = Object.fromEntries(Object.entries(command.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]));
  try {
    const {flags, args: parsedArgs, argv: positionals} = await Parser.parse(argv, {flags: command.flags, args, strict: command.strict, context: undefined});
    return {parsed: {flags, args: definedOnly(parsedArgs), argv: positionals as string[]}};
  } catch (error) {
    // oclif dims the reasons of a failed validation on a colour terminal.
    return {refused: refusalOf(oneLine((error as Error).message.replace(/\u001b\[\d+m/g, '')), 'oclif')};
  }
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

describe.each(COMMANDS.map(({spec}) => [spec.id, spec] as const))('aigc %s, parsed as oclif parses it', (_id, spec) => {
  it('agrees with oclif on generated command lines', async () => {
    const words = vocabulary(spec);
    const next = random(spec.id.length * 7919);
    const outcomes = new Set<string>();
    for (let run = 0; run < 400; run++) {
      const argv = Array.from({length: 1 + Math.floor(next() * 6)}, () => words[Math.floor(next() * words.length)]);
      const end = argv.indexOf('--');
      if (end !== -1 && argv.slice(end).some((word) => word === '-u' || word === '--update')) continue;
      expect([argv, ours(spec, argv)]).toEqual([argv, await asBefore(spec, argv)]);
      outcomes.add('parsed' in ours(spec, argv) ? 'parsed' : 'refused');
    }
    expect([...outcomes].sort()).toEqual(['parsed', 'refused']);
  });
});

/**
 * What the command line gave before this parser: oclif's parse, after `-u` and
 * `--update` alone were made `--update=all` (a value as the next word refused).
 * That rewriting stops at `--` now, where it did not; such lines are left out.
 */
async function asBefore(spec: CommandSpec, argv: string[]): Promise<Outcome> {
  const optional = Object.entries(spec.flags).find(([, flag]) => flag.optionalValue);
  if (optional === undefined) return oclifs(spec, argv);
  const [name, flag] = optional;
  const alone = (word: string) => word === `--${name}` || word === `-${flag.char}`;
  const rewritten: string[] = [];
  for (const [index, word] of argv.entries()) {
    if (!alone(word)) {
      rewritten.push(word);
      continue;
    }
    const next = argv[index + 1];
    if (next !== undefined && flag.optionalValue!.values.includes(next)) {
      return {refused: refusalOf(`${word} ${next}: write the value of ${word} after an = sign`, 'ours')};
    }
    rewritten.push(`--${name}=${flag.optionalValue!.whenAlone}`);
  }
  return oclifs(spec, rewritten);
}
