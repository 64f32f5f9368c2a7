// `aigc chain prove TRAIL --index I --checkpoint CP`: the tlog-proof@v1 of one
// leaf against the checkpoint's tree, on stdout or in -o FILE.
import {type LeafSelector, proveTrailLeaf} from '../audit/tlog/log.js';
import type {CommandIo} from './command-io.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_PROVE} from './specs/chain-prove.js';
import type {FlagValues} from './start/spec.js';
import {checkTrailFile, overTrail, readCheckpointFile} from './tlog-files.js';

export type ProveFlags = FlagValues<(typeof CHAIN_PROVE)['flags']>;

export async function runProve(trail: string, flags: ProveFlags, io: CommandIo): Promise<number> {
  const selector = leafSelector(flags);
  const checkpoint = await readCheckpointFile(flags.checkpoint, io);
  await checkTrailFile(trail, io);
  const {proof} = await overTrail(trail, () => proveTrailLeaf(trail, checkpoint, selector));
  await writeReport(proof, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  return ExitCode.Success;
}

function leafSelector(flags: ProveFlags): LeafSelector {
  if (flags.index !== undefined && flags.checksum !== undefined) throw usageError('give either --index or --checksum, not both');
  if (flags.index !== undefined) return {index: flags.index};
  if (flags.checksum !== undefined) return {checksum: flags.checksum};
  throw usageError('say which artifact to prove: --index I or --checksum HEX');
}
