// `aigc chain checkpoint TRAIL --key-file PREFIX.key`: the signed checkpoint of
// the trail (or of its first --size leaves), on stdout or in -o FILE.
import {checkpointTrail} from '../audit/tlog/log.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode} from './exit-codes.js';
import {writeReport} from './output.js';
import type {CHAIN_CHECKPOINT} from './specs/chain-checkpoint.js';
import type {FlagValues} from './start/spec.js';
import {checkTrailFile, overTrail, signerKeyOf} from './tlog-files.js';

export type CheckpointFlags = FlagValues<(typeof CHAIN_CHECKPOINT)['flags']>;

export async function runCheckpoint(trail: string, flags: CheckpointFlags, io: CommandIo): Promise<number> {
  const logKey = await signerKeyOf(flags['key-file'], io);
  await checkTrailFile(trail, io);
  const result = await overTrail(trail, () => checkpointTrail(trail, logKey, {size: flags.size}));
  if (result.unfinishedBytes > 0) {
    commandNotes(io.stderr, 'chain checkpoint')(`${trail}: its last line (${result.unfinishedBytes} bytes) has no newline yet; it is not in the checkpoint`);
  }
  await writeReport(result.note, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  return ExitCode.Success;
}
