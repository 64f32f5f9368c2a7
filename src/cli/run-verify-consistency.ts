// `aigc chain verify-consistency --pubkey P OLD_CP NEW_CP PROOF`: a consistency
// proof checked offline, with only the log's public key (and the witnesses').
import {verifyConsistencyProofText} from '../audit/tlog/verify-proofs.js';
import type {CommandIo} from './command-io.js';
import {checkProof} from './proof-check.js';
import type {CHAIN_VERIFY_CONSISTENCY} from './specs/chain-verify-consistency.js';
import type {FlagValues} from './start/spec.js';
import {quorumOf, readSmallFile, stdinOnce, verifierKeysOf} from './tlog-files.js';

export type VerifyConsistencyFlags = FlagValues<(typeof CHAIN_VERIFY_CONSISTENCY)['flags']>;

export async function runVerifyConsistency(files: {old: string; new: string; proof: string}, flags: VerifyConsistencyFlags, io: CommandIo): Promise<number> {
  stdinOnce([files.old, files.new, files.proof]);
  const quorum = quorumOf(flags);
  const logKeys = await verifierKeysOf(flags.pubkey, io);
  const witnesses = await verifierKeysOf(flags.witness ?? [], io);
  const older = await readSmallFile(files.old, 'checkpoint', io);
  const newer = await readSmallFile(files.new, 'checkpoint', io);
  const proof = await readSmallFile(files.proof, 'proof', io);
  return checkProof(
    'consistency',
    files.proof,
    () => {
      const verdict = verifyConsistencyProofText(proof, {old: older, new: newer}, logKeys, {witnesses, quorum});
      return {checkpoint: verdict.newCheckpoint, cosignatures: verdict.cosignatures, oldSize: verdict.oldSize};
    },
    flags,
    io,
  );
}
