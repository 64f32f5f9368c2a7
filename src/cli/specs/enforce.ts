// `aigc enforce`: its help and flags (run: src/cli/run-enforce.ts).
import {defineCommand} from '../start/spec.js';
import {DURABILITY_HELP, emptyInputHelp, GATE_FLAG, NOW_HELP, REDACT_FLAG, STRICT_FLAG} from './shared.js';
import {CHECKPOINT_WRITER_FLAGS} from './tlog-shared.js';

export const ENFORCE = defineCommand({
  id: 'enforce',
  summary: 'Enforce invocations read from stdin, writing one audit artifact per invocation.',
  description: `Reads JSON invocations (NDJSON, or pretty-printed values one after another) from stdin or --input and writes one compact audit artifact per value to stdout, in input order, as each is decided. An unparsable line or a non-object value gets its own FAIL artifact and reading goes on.

${emptyInputHelp('invocations', 'nothing is written and the exit status is 0')}

Exit status: 0 when every artifact is PASS, 1 when any is FAIL, 2 for a usage error, 3 for an I/O error.`,
  examples: [
    {
      description: 'Chain every artifact and keep a signed checkpoint beside the trail, every 1000 artifacts and at the end',
      command: '<%= config.bin %> <%= command.id %> --chain audit.jsonl --checkpoint-key audit.key --checkpoint-every 1000 < invocations.jsonl',
    },
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
  ],
  args: {},
  flags: {
    input: {type: 'string', char: 'i', description: 'Read invocations from FILE instead of stdin.', helpValue: 'FILE'},
    now: {type: 'string', description: `Fix the clock for timestamps and policy date checks: ${NOW_HELP}.`, helpValue: 'EPOCH'},
    'key-env': {type: 'string', description: 'Sign every artifact with HMAC-SHA256, the key being the value of environment variable VAR.', helpValue: 'VAR'},
    'key-file': {
      type: 'string',
      description: 'Sign every artifact with HMAC-SHA256, the key being the bytes of FILE (one trailing newline removed).',
      helpValue: 'FILE',
    },
    chain: {
      type: 'string',
      description:
        'Append every artifact to FILE as a hash chain (continues the chain at its end; locked against concurrent writers). With --chain an artifact is printed once its batch is durable in FILE.',
      helpValue: 'FILE',
    },
    'chain-id': {type: 'string', description: "Chain id for --chain: the chain to continue or start (default: the file's last chain, else a new UUID).", helpValue: 'ID'},
    // Checked by the command (src/cli/chain-writes.ts), which names the choices in its own words.
    durability: {type: 'string', description: `${DURABILITY_HELP} Needs --chain.`, helpValue: 'batch|each|none'},
    ...CHECKPOINT_WRITER_FLAGS,
    record: {type: 'string', description: 'Append {"invocation", "artifact"} records to FILE, for `aigc replay`.', helpValue: 'FILE'},
    'policy-root': {type: 'string', description: 'Refuse policy files (and their bases) outside DIR.', helpValue: 'DIR'},
    pretty: {type: 'boolean', description: 'Indent each artifact (for reading one document, not for pipelines).'},
    threads: {
      type: 'integer',
      description: 'Decide on N threads, 1 to 64 (default 1); artifacts are written in input order, the same bytes as on one thread. With --chain, this thread links and writes the chain while the others decide.',
      min: 1,
      helpValue: 'N',
    },
    strict: STRICT_FLAG,
    gate: GATE_FLAG,
    redact: REDACT_FLAG,
  },
});
