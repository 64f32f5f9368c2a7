// `aigc chain verify-proof`: its help, arguments and flags (run: src/cli/run-verify-proof.ts).
import {PROOF_CHECK_FORMATS} from '../reporters/proof-check/formats.js';
import {defineCommand} from '../start/spec.js';
import {reportFlags} from './shared.js';
import {PUBKEY_FLAG, WITNESS_FLAGS, verifierHelpClose} from './tlog-shared.js';

const {format, json} = reportFlags(PROOF_CHECK_FORMATS);

export const CHAIN_VERIFY_PROOF = defineCommand({
  id: 'chain:verify-proof',
  summary: 'Check offline, without the trail, that an artifact is in a signed checkpoint (a tlog-proof@v1).',
  description: `Reads the proof (from aigc chain prove) and the artifact exactly as it stands in the trail (e.g. cut out with sed -n 138p audit.jsonl > artifact.json; one final line ending is ignored), and checks, with nothing but the log's public key: that the checkpoint inside the proof is signed by that key and names it as origin, that the witnesses' quorum cosigned it (with --witness), and that the artifact's RFC 6962 leaf hash and the proof's hashes give the checkpoint's root at the proof's index.

ARTIFACT_FILE "-" or absent reads the artifact from stdin. An empty artifact (no bytes, or a blank line: an empty stdin or file) is no artifact: no-artifact, not a verdict on the proof.

${verifierHelpClose('bad-signature, unknown-key, origin-mismatch, root-mismatch (another artifact, another index or a changed hash), no-artifact, index-out-of-range, malformed-proof, malformed-checkpoint, quorum-not-met')}`,
  examples: [
    {
      description: 'Check one artifact an auditor was handed',
      command: 'sed -n 138p audit.jsonl > artifact.json && <%= config.bin %> <%= command.id %> artifact-137.proof --pubkey audit.pub artifact.json',
    },
    {description: 'The same from a pipe, as JSON', command: 'sed -n 138p audit.jsonl | <%= config.bin %> <%= command.id %> artifact-137.proof --pubkey audit.pub --json'},
  ],
  args: {
    proof: {description: 'The c2sp.org/tlog-proof@v1 file.', required: true},
    artifact: {description: 'The artifact as it stands in the trail (one line); "-" or absent: stdin.'},
  },
  flags: {format, json, pubkey: PUBKEY_FLAG, ...WITNESS_FLAGS},
});
