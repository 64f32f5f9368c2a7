// `aigc chain append`: its help, argument and flags (run: src/cli/run-append.ts).
import {DURABILITY_CHOICES} from '../../audit/durability.js';
import {defineCommand} from '../start/spec.js';
import {CHECKPOINT_WRITER_FLAGS} from './tlog-shared.js';
import {DURABILITY_HELP, emptyInputHelp} from './shared.js';

export const CHAIN_APPEND = defineCommand({
  id: 'chain:append',
  summary: 'Chain artifacts read from stdin into a hash-chained audit trail.',
  description: `Reads audit artifacts from stdin (NDJSON, or pretty-printed JSON values one after another) and appends each to FILE as the next link of a hash chain, under the same exclusive lock and rules as aigc enforce --chain: the chain at the end of FILE is continued (its chain_id, next chain_index and last checksum), or a new one is started (--chain-id, else a random UUID). Stale chain fields from an earlier chain are dropped first. Artifacts are committed in batches (one lock, one write and one fdatasync each; see --durability).

With --key-env or --key-file only authentic artifacts enter the trail: an already signed artifact must verify with the key or it is refused, and an unsigned one is signed before it is chained (so both its signature and the chain verify with aigc chain verify --key-…). Without a key artifacts are chained as they are. Input that is not a JSON object, or that cannot be recorded (NaN, lone surrogates), is refused. Refusals are reported on stderr with their input line; a one-line summary ends the run on stderr.

${emptyInputHelp('audit artifacts', 'nothing is appended (FILE is left as it was) and the exit status is 0')}

Exit status: 0 every artifact appended, 1 any refused, 2 usage error, 3 FILE cannot be written, is damaged (its last line is incomplete or not JSON) or stays locked by another writer for 2 minutes.`,
  examples: [
    {description: 'Chain artifacts and sign a checkpoint of the trail (audit.jsonl.checkpoint)', command: '<%= config.bin %> <%= command.id %> audit.jsonl --checkpoint-key audit.key < artifacts.jsonl'},
    {description: 'Chain a day of artifacts into the trail', command: '<%= config.bin %> <%= command.id %> audit.jsonl < artifacts.jsonl'},
    {
      description: 'Start a named chain, signing unsigned artifacts and refusing forged ones',
      command: 'AIGC_KEY=s3cret <%= config.bin %> <%= command.id %> audit.jsonl --chain-id payments-2026 --key-env AIGC_KEY < artifacts.jsonl',
    },
    {description: 'Enforce now, chain later', command: '<%= config.bin %> enforce < invocations.jsonl | <%= config.bin %> <%= command.id %> audit.jsonl'},
  ],
  args: {file: {description: 'The JSONL trail to append to (created when missing).', required: true}},
  flags: {
    'chain-id': {type: 'string', description: 'Chain to continue or start in FILE (default: the last chain in FILE, else a random UUID).', helpValue: 'ID'},
    'key-env': {type: 'string', description: 'HMAC key in this environment variable: sign unsigned artifacts, refuse signed ones that do not verify.', helpValue: 'VAR'},
    'key-file': {type: 'string', description: 'HMAC key in this file (one trailing newline removed): as --key-env.', helpValue: 'PATH'},
    durability: {type: 'string', description: DURABILITY_HELP, options: DURABILITY_CHOICES, helpValue: 'batch|each|none'},
    ...CHECKPOINT_WRITER_FLAGS,
  },
});
