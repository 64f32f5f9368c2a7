// `aigc chain cosign`: its help, argument and flags (run: src/cli/run-cosign.ts).
import {defineCommand} from '../start/spec.js';
import {NOW_HELP} from './shared.js';
import {PUBKEY_FLAG} from './tlog-shared.js';

export const CHAIN_COSIGN = defineCommand({
  id: 'chain:cosign',
  summary: "Act as a witness: cosign a log's new checkpoint once it is proven consistent with the last one cosigned.",
  description: `The witness of c2sp.org/tlog-witness, offline and file-based. PROOF is the consistency proof (aigc chain consistency TRAIL --from STATE --to NEW_CP; without --from for the first cosignature) from the checkpoint the witness last cosigned to the log's new checkpoint, which the proof carries. The witness checks that the new checkpoint is signed by a log key it trusts (--pubkey), that the proof starts from the size it last cosigned (witness-conflict otherwise, naming that size), and that it holds (inconsistent-trees: the log was rewritten); then it adds its c2sp.org/tlog-cosignature line (cosignature/v1, with the time: now, or --now) and replaces its state file with the cosigned checkpoint, under a lock, so it never cosigns two forks of one log.

Keep one state file per log. A --state that is not a regular file (a named pipe, a device, a folder) is refused at once (exit 3). The cosigned checkpoint is printed (or written to -o FILE): give it back to the log, whose auditors check it with aigc chain verify --witness WITNESS.pub.

Exit status: 0 cosigned, 1 refused (not consistent, another size than the last cosigned, a bad signature), 2 usage error, 3 a file cannot be read or written, or the witness key or state file is bad.`,
  examples: [
    {
      description: 'Cosign the log operator’s new checkpoint',
      command: '<%= config.bin %> <%= command.id %> request.proof --key-file witness.key --pubkey audit.pub --state witness-state/payments.checkpoint -o cosigned.checkpoint',
    },
  ],
  args: {proof: {description: 'The aigc.dev/tlog-consistency-proof@v1 from the last cosigned checkpoint to the new one ("-": stdin).', required: true}},
  flags: {
    'key-file': {type: 'string', description: 'The witness signer key (from aigc chain keygen --witness).', helpValue: 'WITNESS.key', required: true},
    // Needed, but checked by the command (as chain verify checks its --pubkey), so help and parse errors stay short.
    pubkey: {...PUBKEY_FLAG, required: false, description: 'Needed: the verifier key of a log the witness trusts (repeatable).'},
    state: {type: 'string', description: 'Needed: the witness state for this log, its last cosigned checkpoint (created on the first cosignature).', helpValue: 'FILE'},
    now: {type: 'string', description: `The cosignature's timestamp (default: now), for deterministic runs: ${NOW_HELP}.`, helpValue: 'EPOCH'},
    output: {type: 'string', char: 'o', description: 'Write the cosigned checkpoint to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
  },
});
