import {AigcCommand} from '../src/cli/base-command.js';
import {ENFORCE_FLAGS} from '../src/cli/enforce-flags.js';
import {booleanFlag, listFlag, stringFlag} from '../src/cli/flags.js';

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

  // The oclif flags are built from the same specs the fast path parses.
  static override flags = {
    input: stringFlag(ENFORCE_FLAGS.input),
    now: stringFlag(ENFORCE_FLAGS.now),
    'key-env': stringFlag(ENFORCE_FLAGS['key-env']),
    'key-file': stringFlag(ENFORCE_FLAGS['key-file']),
    chain: stringFlag(ENFORCE_FLAGS.chain),
    'chain-id': stringFlag(ENFORCE_FLAGS['chain-id']),
    durability: stringFlag(ENFORCE_FLAGS.durability),
    record: stringFlag(ENFORCE_FLAGS.record),
    'policy-root': stringFlag(ENFORCE_FLAGS['policy-root']),
    pretty: booleanFlag(ENFORCE_FLAGS.pretty),
    strict: booleanFlag(ENFORCE_FLAGS.strict),
    gate: listFlag(ENFORCE_FLAGS.gate),
    redact: listFlag(ENFORCE_FLAGS.redact),
  } satisfies Record<keyof typeof ENFORCE_FLAGS, unknown>;

  async run(): Promise<void> {
    const {main} = await import('../src/cli/enforce-main.js');
    if (!(await main(this.argv))) await this.parse(Enforce);
  }
}
