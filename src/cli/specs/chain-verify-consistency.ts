// `aigc chain verify-consistency`: its help, arguments and flags (run: src/cli/run-verify-consistency.ts).
import {PROOF_CHECK_FORMATS} from '../reporters/proof-check/formats.js';
import {defineCommand} from '../start/spec.js';
import {reportFlags} from './shared.js';
import {PUBKEY_FLAG, WITNESS_FLAGS, verifierHelpClose} from './tlog-shared.js';

const {format, json} = reportFlags(PROOF_CHECK_FORMATS);

export const CHAIN_VERIFY_CONSISTENCY = defineCommand({
  id: 'chain:verify-consistency',
  summary: 'Check offline that a newer checkpoint extends an older one (no rewrite in between).',
  description: `Checks, with nothing but the log's public key: that both checkpoints are signed by that key and are of one log, that the proof (from aigc chain consistency) carries NEW_CP and starts from OLD_CP's size, that the witnesses' quorum cosigned NEW_CP (with --witness), and that the RFC 6962 consistency path takes OLD_CP's root to NEW_CP's: the newer tree is the older one with leaves appended, nothing before the older size changed.

${verifierHelpClose('inconsistent-trees (a rewrite, or the proof changed), checkpoint-mismatch (the proof is between other checkpoints), origin-mismatch, bad-signature, unknown-key, malformed-proof, malformed-checkpoint, quorum-not-met')}`,
  examples: [
    {description: "Check that tuesday's checkpoint extends monday's", command: '<%= config.bin %> <%= command.id %> --pubkey audit.pub monday.checkpoint tuesday.checkpoint monday-tuesday.proof'},
  ],
  args: {
    old: {description: 'The older checkpoint (OLD_CP).', required: true},
    new: {description: 'The newer checkpoint (NEW_CP).', required: true},
    proof: {description: 'The aigc.dev/tlog-consistency-proof@v1 file.', required: true},
  },
  flags: {format, json, pubkey: PUBKEY_FLAG, ...WITNESS_FLAGS},
});
