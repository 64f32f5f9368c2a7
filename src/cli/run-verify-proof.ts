// `aigc chain verify-proof PROOF --pubkey PREFIX.pub [ARTIFACT_FILE|-]`: an
// inclusion proof checked offline, with only the log's public key (and the
// witnesses' keys), never the trail.
import {verifyInclusionProofText} from '../audit/tlog/verify-proofs.js';
import type {CommandIo} from './command-io.js';
import {checkProof} from './proof-check.js';
import type {CHAIN_VERIFY_PROOF} from './specs/chain-verify-proof.js';
import type {FlagValues} from './start/spec.js';
import {quorumOf, readSmallFile, stdinOnce, verifierKeysOf} from './tlog-files.js';

export type VerifyProofFlags = FlagValues<(typeof CHAIN_VERIFY_PROOF)['flags']>;

export async function runVerifyProof(proofFile: string, artifactFile: string | undefined, flags: VerifyProofFlags, io: CommandIo): Promise<number> {
  const artifactPath = artifactFile ?? '-';
  stdinOnce([proofFile, artifactPath]);
  const quorum = quorumOf(flags);
  const logKeys = await verifierKeysOf(flags.pubkey, io);
  const witnesses = await verifierKeysOf(flags.witness ?? [], io);
  const proof = await readSmallFile(proofFile, 'proof', io);
  const artifact = await readSmallFile(artifactPath, 'artifact', io);
  return checkProof('inclusion', proofFile, () => verifyInclusionProofText(proof, artifact, logKeys, {witnesses, quorum}), flags, io);
}
