// `aigc chain consistency`: its help, argument and flags (run: src/cli/run-consistency.ts).
import {defineCommand} from '../start/spec.js';

export const CHAIN_CONSISTENCY = defineCommand({
  id: 'chain:consistency',
  summary: 'Prove that a newer checkpoint of a trail extends an older one: an RFC 6962 consistency proof.',
  description: `Prints the consistency proof from the tree the older checkpoint (--from) signs to the tree the newer one (--to) signs, both of this trail, in the aigc.dev/tlog-consistency-proof@v1 text (docs/audit-trails.md): the header line, "old N" (the older tree's size), the RFC 6962 consistency path (base64 hashes, one per line), an empty line, then the newer checkpoint. With both checkpoints, the proof and the log's .pub, anyone can check offline that nothing before the older size was rewritten in between (aigc chain verify-consistency, or Go's tlog.CheckTree).

Without --from the proof is from the empty tree (what a witness needs for its first cosignature: aigc chain cosign). --from may be a witness's state file (its last cosigned checkpoint).

Exit status: 0 proof written, 1 the trail no longer matches a checkpoint (it was rewritten), or the checkpoints are of two logs or in the wrong order, 2 usage error, 3 a file cannot be read or written.`,
  examples: [
    {
      description: "Prove yesterday's checkpoint is a prefix of today's",
      command: '<%= config.bin %> <%= command.id %> audit.jsonl --from monday.checkpoint --to tuesday.checkpoint -o monday-tuesday.proof',
    },
  ],
  args: {trail: {description: 'The JSONL trail (a file).', required: true}},
  flags: {
    from: {type: 'string', description: 'The older checkpoint (default: the empty tree).', helpValue: 'OLD_CP'},
    to: {type: 'string', description: 'The newer checkpoint; the proof carries it.', helpValue: 'NEW_CP', required: true},
    output: {type: 'string', char: 'o', description: 'Write the proof to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
  },
});
