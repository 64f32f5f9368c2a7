// `aigc chain checkpoint`: its help, argument and flags (run: src/cli/run-checkpoint.ts).
import {defineCommand} from '../start/spec.js';

export const CHAIN_CHECKPOINT = defineCommand({
  id: 'chain:checkpoint',
  summary: "Sign a checkpoint of a trail: its size and RFC 6962 Merkle root, as a c2sp.org/tlog-checkpoint note.",
  description: `The trail is a transparency log: leaf i is line i of the file (its non-blank lines in order, each without its line ending), hashed as RFC 6962 says. The checkpoint is the signed note "ORIGIN\\nSIZE\\nROOT\\n" followed by the signature of the key in --key-file, whose name is the origin (make one with aigc chain keygen). Anyone with the matching .pub can then check, offline and without any secret, that the trail's first SIZE lines are still those (aigc chain verify --checkpoint, or Go's sumdb/note and sumdb/tlog).

The tile store beside the trail (TRAIL.tiles/, the c2sp.org/tlog-tiles layout) is brought up to date on the way, or rebuilt when absent or no longer fitting the trail, so proofs stay fast on big trails. A last line without its newline is not part of the log yet.

Exit status: 0 checkpoint written, 1 the trail has fewer leaves than --size, 2 usage error, 3 the trail cannot be read, the key file is bad or the output or tile store cannot be written.`,
  examples: [
    {description: 'Checkpoint the whole trail', command: '<%= config.bin %> <%= command.id %> audit.jsonl --key-file audit.key -o audit.checkpoint'},
    {description: 'Checkpoint its first 1000 artifacts', command: '<%= config.bin %> <%= command.id %> audit.jsonl --key-file audit.key --size 1000'},
  ],
  args: {trail: {description: 'The JSONL trail (a file).', required: true}},
  flags: {
    'key-file': {type: 'string', description: 'The signer key (PREFIX.key from aigc chain keygen); its name is the origin.', helpValue: 'PREFIX.key', required: true},
    size: {type: 'integer', description: "Checkpoint the trail's first N leaves (default: all of them).", min: 0, helpValue: 'N'},
    output: {type: 'string', char: 'o', description: 'Write the checkpoint to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
  },
});
