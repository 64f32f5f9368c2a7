// `aigc chain verify`: its help, arguments and flags (run: src/cli/run-verify.ts).
import {VERIFY_FORMATS} from '../reporters/verify/formats.js';
import {defineCommand} from '../start/spec.js';
import {COLOR_FLAGS, emptyInputHelp, reportFlags} from './shared.js';
import {PUBKEY_FLAG, WITNESS_FLAGS} from './tlog-shared.js';

export const CHAIN_VERIFY = defineCommand({
  id: 'chain:verify',
  summary: 'Verify hash-chained audit trails (JSONL): links, checksums and signatures.',
  description: `Reads each FILE as a stream, in constant memory, and checks every artifact of every chain in it (several chains may share a file; each is grouped by chain_id and checked in file order): the JSON parses, chain_index follows on, previous_audit_checksum is the previous artifact's checksum, and checksum matches the artifact's canonical form (legacy artifacts without one link by the hash of the whole artifact, like the Python reference). With --key-env or --key-file every HMAC signature is checked too; without a key the report says that signatures were not checked.

Every problem is reported with its file, line, chain, index, what was expected and what was found; then one line per chain: "chain <id>: 40/40 artifacts intact, 40/40 signatures valid". Files written by the Python reference (json.dumps defaults) and by aigc enforce --chain are both accepted. A cut-off tail cannot be seen from the file alone: compare each chain's last index and checksum (in the JSON report) with a copy kept elsewhere.

With --checkpoint CP --pubkey PREFIX.pub (one FILE) each signed checkpoint is checked too: it must be validly signed by that key, with the key's name as its origin, and the trail's first N leaves (N the checkpoint's tree size; leaf i is the i-th non-blank line) must have its root. The trail may have grown since; a line before N changed, removed, inserted or reordered is found. Each failure has a stable code: bad-signature, unknown-key, origin-mismatch, root-mismatch, trail-too-short, malformed-checkpoint (and quorum-not-met with --witness).

FILE "-" reads stdin. Lines over 64 MiB are reported and skipped (set AIGC_MAX_LINE_BYTES to lower the limit).

${emptyInputHelp('audit artifacts', 'the report names the file as holding no artifacts and the exit status is 1: an empty trail proves nothing')}

Exit status: 0 everything checked is valid, 1 any problem (or a checkpoint not verified), 2 usage error, 3 a file cannot be read or a key file is unreadable or bad.`,
  examples: [
    {description: 'Verify a trail against the checkpoints its log signed', command: '<%= config.bin %> <%= command.id %> audit.jsonl --checkpoint monday.checkpoint --checkpoint audit.jsonl.checkpoint --pubkey audit.pub'},
    {description: 'Verify a signed trail', command: 'AIGC_KEY=s3cret <%= config.bin %> <%= command.id %> audit.jsonl --key-env AIGC_KEY'},
    {description: 'Links and checksums only, several files, a JSON report', command: '<%= config.bin %> <%= command.id %> audit-*.jsonl --json -o verify.json'},
    {
      description: 'Verify from a pipe, accepting unsigned artifacts, showing at most 20 problems',
      command: 'zcat audit.jsonl.gz | <%= config.bin %> <%= command.id %> - --key-file audit.key --allow-unsigned --max-errors 20',
    },
  ],
  args: {file: {description: 'JSONL audit trail ("-" for stdin); several may be given.', required: true}},
  variadic: true,
  flags: {
    ...reportFlags(VERIFY_FORMATS),
    ...COLOR_FLAGS,
    'key-env': {type: 'string', description: 'Check signatures with the HMAC key in this environment variable (its UTF-8 bytes).', helpValue: 'VAR'},
    'key-file': {type: 'string', description: 'Check signatures with the HMAC key in this file (its bytes, one trailing newline removed).', helpValue: 'PATH'},
    'allow-unsigned': {
      type: 'boolean',
      description: 'With a key: accept artifacts without a signature (they are counted, not checked) instead of reporting them.',
    },
    'max-errors': {type: 'integer', description: 'Show at most N problems (all are still counted); default 1000.', min: 1, helpValue: 'N'},
    checkpoint: {
      type: 'string',
      multiple: true,
      description: "Also check this signed checkpoint against the trail (repeatable; needs --pubkey and one FILE): its signature, and the root of the trail's first N leaves.",
      helpValue: 'CP',
    },
    pubkey: {...PUBKEY_FLAG, required: false, description: "The log's verifier key for --checkpoint (PREFIX.pub from aigc chain keygen); repeatable."},
    ...WITNESS_FLAGS,
    'summary-json': {
      type: 'string',
      description: 'Also write a small summary for aigc chain verify-summaries (file digest, checkpoint log, chain heads and tails, problems) to FILE.',
      helpValue: 'FILE',
    },
    threads: {
      type: 'integer',
      description: 'Threads verifying a file of 8 MiB or more, 1 to 64 (1: this thread alone); default one per CPU, up to 4, or AIGC_VERIFY_THREADS.',
      min: 1,
      helpValue: 'N',
    },
  },
});
