import {Flags} from '@oclif/core';
import {AigcCommand} from '../src/cli/base-command.js';
import {ENFORCE_FLAGS, type FlagSpec} from '../src/cli/enforce-flags.js';

// The oclif flags are built from the same specs the fast path parses.
type Named<T> = {[K in keyof typeof ENFORCE_FLAGS]: (typeof ENFORCE_FLAGS)[K] extends T ? K : never}[keyof typeof ENFORCE_FLAGS];
const stringOptions = (spec: FlagSpec) => ({description: spec.description, helpValue: spec.helpValue, char: spec.char as 'i' | undefined});
const text = (name: Exclude<Named<{type: 'string'}>, Named<{multiple: true}>>) => Flags.string(stringOptions(ENFORCE_FLAGS[name]));
const list = (name: Named<{multiple: true}>) => Flags.string({...stringOptions(ENFORCE_FLAGS[name]), multiple: true});
const bool = (name: Named<{type: 'boolean'}>) => Flags.boolean({description: ENFORCE_FLAGS[name].description});

export default class Enforce extends AigcCommand {
  static override summary = 'Enforce invocations read from stdin, writing one audit artifact per invocation.';

  static override description = `Reads JSON invocations (NDJSON, or pretty-printed values one after another) from stdin or --input and writes one compact audit artifact per value to stdout, in input order, as each is decided. An unparsable line or a non-object value gets its own FAIL artifact and reading goes on.

Exit status: 0 when every artifact is PASS, 1 when any is FAIL, 2 for a usage error, 3 for an I/O error.`;

  static override examples = [
    {
      description: 'Enforce one invocation',
      command: `echo '{"policy_file":"policies/support-assistant.yaml","model_provider":"openai","model_identifier":"gpt-4o","role":"agent","input":{},"context":{},"output":{}}' | <%= config.bin %> <%= command.id %> --now 1700000000`,
    },
    {
      description: 'Sign every artifact and chain it into an audit trail',
      command: 'AIGC_KEY=s3cret <%= config.bin %> <%= command.id %> --key-env AIGC_KEY --chain audit.jsonl < invocations.jsonl',
    },
    {
      description: 'Add custom gates from an ES module and redact ticket numbers instead of the default patterns',
      command: "<%= config.bin %> <%= command.id %> --strict --gate ./gates.mjs --redact 'ticket=TCK-\\d+' < invocations.jsonl",
    },
    {
      description: 'Record invocations with their artifacts for golden replay',
      command: '<%= config.bin %> <%= command.id %> --input invocations.jsonl --record recorded.jsonl > artifacts.jsonl',
    },
  ];

  static override flags = {
    input: text('input'),
    now: text('now'),
    'key-env': text('key-env'),
    'key-file': text('key-file'),
    chain: text('chain'),
    'chain-id': text('chain-id'),
    record: text('record'),
    'policy-root': text('policy-root'),
    pretty: bool('pretty'),
    strict: bool('strict'),
    gate: list('gate'),
    redact: list('redact'),
  } satisfies Record<keyof typeof ENFORCE_FLAGS, unknown>;

  async run(): Promise<void> {
    const {main} = await import('../src/cli/enforce-main.js');
    if (!(await main(this.argv))) await this.parse(Enforce);
  }
}
