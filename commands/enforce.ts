import {Flags} from '@oclif/core';
import {AigcCommand} from '../src/cli/base-command.js';
import {ENFORCE_FLAGS} from '../src/cli/enforce-flags.js';

const text = (name: Exclude<keyof typeof ENFORCE_FLAGS, 'pretty'>) => {
  const spec: {description: string; helpValue?: string; char?: string} = ENFORCE_FLAGS[name];
  return Flags.string({description: spec.description, helpValue: spec.helpValue, char: spec.char as 'i' | undefined});
};

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
    pretty: Flags.boolean({description: ENFORCE_FLAGS.pretty.description}),
  };

  async run(): Promise<void> {
    const {main} = await import('../src/cli/enforce-main.js');
    if (!(await main(this.argv))) await this.parse(Enforce);
  }
}
