// The oclif command class of a command spec, for what oclif renders from it:
// help, the manifest and the README's command reference. Running it goes
// through the one start path (./start/main.ts), so oclif's own parser never
// reads a command line.
import {Args, Command, Flags} from '@oclif/core';
import {processIo} from './command-io.js';
import {commandEntry, runCommand} from './start/main.js';
import type {ArgSpec, CommandSpec, FlagSpec} from './start/spec.js';

type Letter = NonNullable<Parameters<typeof Flags.string>[0]>['char'];

export function oclifCommand(spec: CommandSpec): typeof Command {
  return class extends Command {
    static override summary = spec.summary;
    static override description = spec.description;
    static override examples = spec.examples.map((example) => ({...example}));
    static override usage = spec.usage;
    static override strict = !spec.variadic;
    static override args = Object.fromEntries(Object.entries(spec.args).map(([name, arg]) => [name, oclifArg(arg)]));
    static override flags = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, oclifFlag(name, flag)]));

    async run(): Promise<void> {
      process.exitCode = await runCommand(commandEntry(spec.id), this.argv, processIo((url) => import(url)));
    }
  };
}

function oclifArg(arg: ArgSpec) {
  return Args.string({description: arg.description, required: arg.required, options: arg.options ? [...arg.options] : undefined});
}

function oclifFlag(name: string, flag: FlagSpec) {
  const common = {char: flag.char as Letter, description: flag.description, required: flag.required};
  if (flag.type === 'boolean') return Flags.boolean({...common, allowNo: flag.allowNo});
  if (flag.type === 'integer') return Flags.integer({...common, helpValue: flag.helpValue, min: flag.min});
  const value = {...common, helpValue: flag.helpValue, options: flag.options ? [...flag.options] : undefined};
  // An optional value shows as `-u, --update[=new|all|none]`: help prints the label, "=", then the value.
  if (flag.optionalValue) {
    return Flags.string({...value, helpLabel: `${flag.char ? `-${flag.char}, ` : ''}--${name}[`, helpValue: `${flag.optionalValue.values.join('|')}]`});
  }
  if (flag.multiple) return Flags.string({...value, multiple: true, multipleNonGreedy: flag.greedy ? undefined : true});
  return Flags.string(value);
}
