// `aigc chain prove`: its help, argument and flags (run: src/cli/run-prove.ts).
import {defineCommand} from '../start/spec.js';

export const CHAIN_PROVE = defineCommand({
  id: 'chain:prove',
  summary: 'Prove that one artifact is in a checkpointed trail: a c2sp.org/tlog-proof@v1 inclusion proof.',
  description: `Prints the inclusion proof of leaf I (0-based: line I+1 of the trail's non-blank lines) against the tree the checkpoint CP signs: the header "c2sp.org/tlog-proof@v1", "index I", the RFC 6962 inclusion path (base64 hashes, leaf level first), an empty line, then the checkpoint itself. With the proof, the artifact's line and the log's .pub, anyone can check offline, without the trail, that the artifact is in the log (aigc chain verify-proof, or Go's tlog.CheckRecord).

--checksum HEX finds the leaf by the artifact's checksum field instead of its index.

Proofs come from the tile store beside the trail (TRAIL.tiles/), brought up to date or rebuilt when needed; a trail in a read-only folder is read in one streaming pass instead. The trail must still have the checkpoint's root at its size: if a line before it was changed, removed, inserted or reordered, no proof is made (exit 1, root-mismatch).

Exit status: 0 proof written, 1 the trail no longer matches the checkpoint, the index is beyond the checkpoint's size or no artifact has that checksum, 2 usage error, 3 a file cannot be read or written.`,
  examples: [
    {description: 'Prove the 138th artifact', command: '<%= config.bin %> <%= command.id %> audit.jsonl --index 137 --checkpoint audit.jsonl.checkpoint -o artifact-137.proof'},
    {
      description: 'Prove an artifact by its checksum',
      command: '<%= config.bin %> <%= command.id %> audit.jsonl --checksum 9f2c…e1 --checkpoint audit.jsonl.checkpoint',
    },
  ],
  args: {trail: {description: 'The JSONL trail (a file).', required: true}},
  flags: {
    index: {type: 'integer', description: 'The leaf to prove, from 0.', min: 0, helpValue: 'I'},
    checksum: {type: 'string', description: 'Prove the artifact whose checksum field is this SHA-256 hex digest.', helpValue: 'HEX'},
    checkpoint: {type: 'string', description: 'The signed checkpoint the proof is against (aigc chain checkpoint, or TRAIL.checkpoint).', helpValue: 'CP', required: true},
    output: {type: 'string', char: 'o', description: 'Write the proof to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
  },
});
