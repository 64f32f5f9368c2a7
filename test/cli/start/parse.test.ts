// The command-line parser reads every command's argv as oclif reads it: the
// same flags, arguments and order, and the same refusals in the same words,
// checked against oclif's own parser on thousands of generated command lines.
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
import {REPLAY} from '../../../src/cli/specs/replay.js';
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
    expect(() => parseCommandLine(ENFORCE, ['--gate', 'a.mjs', 'extra'])).toThrow(/Unexpected argument: extra/);
    expect(parseCommandLine(COMPLIANCE_EXPORT, ['-i', 'a.jsonl', 'b.jsonl', '--lineage', 'c.jsonl']).flags).toEqual({input: ['a.jsonl', 'b.jsonl', 'c.jsonl'], lineage: true});
  });

  it('reads integers with their minimum', () => {
    expect(parseCommandLine(CHAIN_VERIFY, ['t.jsonl', '--max-errors', '010']).flags).toEqual({'max-errors': 10});
    expect(refusal(CHAIN_VERIFY, ['t.jsonl', '--max-errors', '0'])).toBe(
      '2 Parsing --max-errors; Expected an integer greater than or equal to 1 but received: 0; See more help with --help',
    );
    expect(refusal(POLICY_LINT, ['p', '--max-warnings', 'many'])).toBe('2 Parsing --max-warnings; Expected an integer but received: many; See more help with --help');
  });

  it('refuses what oclif refuses, in its words, on one line', () => {
    expect(refusal(POLICY_TEST, ['--no-such-flag'])).toBe('2 Nonexistent flag: --no-such-flag; See more help with --help');
    expect(refusal(POLICY_TEST, ['--run'])).toBe('2 Flag --run expects a value');
    expect(refusal(POLICY_LINT, ['p', '-f', 'json', '-f', 'text'])).toBe('2 Flag --format can only be specified once');
    expect(refusal(POLICY_LINT, [])).toBe('2 Missing 1 required arg: path Policy file, folder or glob (several may be given). See more help with --help');
    expect(refusal(SCHEMA, ['nonsense'])).toBe('2 Expected nonsense to be one of: policy, audit-artifact, invocation, policy-test-suite, golden-fixture, replay-report, coverage-report, parquet; See more help with --help');
    expect(refusal(EXPORT_PARQUET, ['a.jsonl'])).toBe('2 The following error occurred: Missing required flag output; See more help with --help');
    expect(refusal(REPLAY, ['f', '--mode', 'bad'])).toBe('2 Expected --mode=bad to be one of: unified, split; See more help with --help');
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

function ours(spec: CommandSpec, argv: string[]): Outcome {
  try {
    const {flags, args, argv: positionals} = parseCommandLine(spec, argv);
    return {parsed: {flags, args: definedOnly(args), argv: positionals}};
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return {refused: error.message};
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
    return {refused: oneLine((error as Error).message.replace(/\u001b\[\d+m/g, ''))};
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
      return {refused: `${word} ${next}: write the value of ${word} after an = sign (${word}=${next}); ${word} alone means ${flag.optionalValue!.whenAlone}`};
    }
    rewritten.push(`--${name}=${flag.optionalValue!.whenAlone}`);
  }
  return oclifs(spec, rewritten);
}
