// `aigc chain cosign PROOF --key-file WITNESS.key --pubkey LOG.pub --state FILE`:
// a witness's checks and cosignature (src/audit/tlog/witness.ts), the
// cosigned checkpoint on stdout or in -o FILE.
import {cosignCheckpoint} from '../audit/tlog/witness.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_COSIGN} from './specs/chain-cosign.js';
import type {FlagValues} from './start/spec.js';
import {checkWitnessStateFile, overWitnessState, readSmallFile, signerKeyOf, verifierKeysOf} from './tlog-files.js';

export type CosignFlags = FlagValues<(typeof CHAIN_COSIGN)['flags']>;

export async function runCosign(proofFile: string, flags: CosignFlags, io: CommandIo): Promise<number> {
  if (flags.pubkey === undefined) throw usageError('--pubkey is needed: the verifier key of the log whose checkpoint is cosigned');
  if (flags.state === undefined) throw usageError('--state is needed: the file where the witness keeps the last checkpoint it cosigned for this log');
  await checkWitnessStateFile(flags.state, io);
  const now = cosignatureTime(flags.now);
  const witnessKey = await signerKeyOf(flags['key-file'], io);
  const logKeys = await verifierKeysOf(flags.pubkey, io);
  const request = await readSmallFile(proofFile, 'proof', io);
  const state = flags.state;
  const result = await overWitnessState(state, () => cosignCheckpoint(request, {witnessKey, logKeys, statePath: state, now}));
  commandNotes(io.stderr, 'chain cosign')(`cosigned ${result.origin} at ${result.size} leaves (last cosigned: ${result.oldSize}); ${state} now holds it`);
  await writeReport(result.checkpoint, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  return ExitCode.Success;
}

/** `--now` as the cosignature's timestamp: whole seconds since the epoch (a cosignature cannot be dated before 1970). */
function cosignatureTime(value: string | undefined): number | undefined {
  const now = parseNow(value);
  if (now === undefined) return undefined;
  if (now < 0) throw usageError(`--now must not be before 1970 for a cosignature timestamp, got '${value}'`);
  return Math.floor(now);
}
