// `aigc chain consistency TRAIL --from OLD_CP --to NEW_CP`: the consistency
// proof between two checkpoints of the trail, on stdout or in -o FILE.
import {proveTrailConsistency} from '../audit/tlog/log.js';
import type {CommandIo} from './command-io.js';
import {ExitCode} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_CONSISTENCY} from './specs/chain-consistency.js';
import type {FlagValues} from './start/spec.js';
import {checkTrailFile, overTrail, readCheckpointFile, stdinOnce} from './tlog-files.js';

export type ConsistencyFlags = FlagValues<(typeof CHAIN_CONSISTENCY)['flags']>;

export async function runConsistency(trail: string, flags: ConsistencyFlags, io: CommandIo): Promise<number> {
  stdinOnce([flags.from, flags.to]);
  const older = flags.from === undefined ? null : await readCheckpointFile(flags.from, io);
  const newer = await readCheckpointFile(flags.to, io);
  await checkTrailFile(trail, io);
  const {proof} = await overTrail(trail, () => proveTrailConsistency(trail, older, newer));
  await writeReport(proof, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  return ExitCode.Success;
}

