import {Flags} from '@oclif/core';
import {AigcCommand} from '../src/cli/base-command.js';

export default class Enforce extends AigcCommand {
  static override summary = 'Enforce invocations read from stdin, writing one audit artifact per invocation.';

  static override description = `Reads JSON invocations (NDJSON, or pretty-printed values one after another) from stdin or --input and writes one compact audit artifact per value to stdout, in input order, as each is decided. An unparsable line or a non-object value gets its own FAIL artifact and reading goes on.

Exit status: 0 when every artifact is PASS, 1 when any is FAIL, 2 for a usage error, 3 for an I/O error.`;

  static override examples = [
    {description: 'Enforce one invocation', command: `echo '{"policy_file":"policies/support-assistant.yaml","model_provider":"openai","model_identifier":"gpt-4o","role":"agent","input":{},"context":{},"output":{}}' | <%= config.bin %> <%= command.id %> --now 1700000000`},
    {description: 'Sign every artifact and chain it into an audit trail', command: 'AIGC_KEY=s3cret <%= config.bin %> <%= command.id %> --key-env AIGC_KEY --chain audit.jsonl < invocations.jsonl'},
    {description: 'Record invocations with their artifacts for golden replay', command: '<%= config.bin %> <%= command.id %> --input invocations.jsonl --record recorded.jsonl > artifacts.jsonl'},
  ];

  static override flags = {
    input: Flags.string({char: 'i', description: 'Read invocations from FILE instead of stdin.', helpValue: 'FILE'}),
    now: Flags.string({description: 'Fix the clock: epoch seconds or an ISO-8601 instant (timestamps and policy date checks).', helpValue: 'EPOCH'}),
    'key-env': Flags.string({description: 'Sign every artifact with HMAC-SHA256, the key being the value of environment variable VAR.', helpValue: 'VAR'}),
    'key-file': Flags.string({description: 'Sign every artifact with HMAC-SHA256, the key being the bytes of FILE (one trailing newline removed).', helpValue: 'FILE'}),
    chain: Flags.string({description: 'Append every artifact to FILE as a hash chain (continues the chain at its end; locked against concurrent writers).', helpValue: 'FILE'}),
    'chain-id': Flags.string({description: 'Chain id for --chain: the chain to continue or start (default: the file\'s last chain, else a new UUID).', helpValue: 'ID', dependsOn: ['chain']}),
    record: Flags.string({description: 'Append {"invocation", "artifact"} records to FILE, for `aigc replay`.', helpValue: 'FILE'}),
    'policy-root': Flags.string({description: 'Refuse policy files (and their bases) outside DIR.', helpValue: 'DIR'}),
    pretty: Flags.boolean({description: 'Indent each artifact (for reading one document, not for pipelines).'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Enforce);
    const {parseNow} = await import('../src/cli/clock.js');
    const {signerFromFlags} = await import('../src/cli/keys.js');
    const {runEnforce} = await import('../src/cli/run-enforce.js');
    const code = await runEnforce({
      input: flags.input,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      now: parseNow(flags.now),
      signer: signerFromFlags(flags),
      chainFile: flags.chain,
      chainId: flags['chain-id'],
      recordFile: flags.record,
      policyRoot: flags['policy-root'],
      pretty: flags.pretty,
    });
    this.setExitCode(code);
  }
}
