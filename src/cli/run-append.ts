// `aigc chain append FILE`: artifacts read from stdin (NDJSON or pretty-printed
// values, the reader `aigc enforce` uses) are chained into FILE under the same
// lock and rules as `enforce --chain`, committed in batches (see
// `--durability`). Which artifacts may enter the trail is the engine's rule
// (audit/trail-admission.ts); every refusal is reported on stderr with its
// input line, and makes the exit code 1.
import {admitArtifact} from '../audit/trail-admission.js';
import {JsonValueReader, type JsonStreamItem} from '../io/json-values.js';
import type {PyDict} from '../python/values.js';
import {CommandChain, checkpointerFromFlags, durabilityFlag} from './chain-writes.js';
import type {CommandIo} from './command-io.js';
import {commandNotes, emptyInputText} from './diagnostics.js';
import {ExitCode} from './exit-codes.js';
import {signerFromFlags} from './keys.js';
import type {CHAIN_APPEND} from './specs/chain-append.js';
import type {FlagValues} from './start/spec.js';

export type AppendFlags = FlagValues<(typeof CHAIN_APPEND)['flags']>;

interface AppendTally {
  appended: number;
  signed: number;
  refused: number;
  chainId: string | null;
  firstIndex: number | null;
  lastIndex: number | null;
}

export async function runAppend(file: string, flags: AppendFlags, io: CommandIo): Promise<number> {
  const note = commandNotes(io.stderr, 'chain append');
  const signer = signerFromFlags(flags, io.env);
  const checkpointer = await checkpointerFromFlags(file, flags, io, note);
  const tally: AppendTally = {appended: 0, signed: 0, refused: 0, chainId: null, firstIndex: null, lastIndex: null};
  const chain = new CommandChain(file, {
    chainId: flags['chain-id'],
    durability: durabilityFlag(flags.durability),
    reported: (batch) => {
      for (const artifact of batch.artifacts) record(tally, artifact);
    },
    warn: note,
    checkpointer,
  });
  const reader = new JsonValueReader();
  const refuse = (line: number, why: string): undefined => {
    tally.refused++;
    note(`stdin:${line}: ${why}; not appended`);
    return undefined;
  };
  const handle = (item: JsonStreamItem): Promise<void> | undefined => {
    if (item.kind === 'invalid') return refuse(item.line, item.reason.replace(/^Invocation/, 'the input'));
    const admission = admitArtifact(item.value, signer);
    if (!admission.admitted) return refuse(item.line, admission.reason);
    // Counted now: the summary is only printed once everything admitted is in the trail.
    if (admission.signedNow) tally.signed++;
    return chain.add(admission.artifact);
  };
  const handleAll = async (items: Iterable<JsonStreamItem>): Promise<void> => {
    for (const item of items) {
      const wait = handle(item);
      if (wait) await wait;
    }
  };
  for await (const chunk of io.stdin) {
    await handleAll(reader.push(chunk as Buffer));
    chain.idle();
  }
  await handleAll(reader.end());
  await chain.close();
  if (tally.appended + tally.refused === 0) note(emptyInputText('stdin', 'audit artifacts'));
  note(summary(tally, file));
  if (checkpointer?.last) note(`signed checkpoint of ${checkpointer.last.checkpoint.size} leaves in ${checkpointer.file}`);
  return tally.refused > 0 ? ExitCode.CheckFailed : ExitCode.Success;
}

function record(tally: AppendTally, artifact: PyDict): void {
  tally.appended++;
  tally.chainId = artifact.chain_id as string;
  tally.lastIndex = artifact.chain_index as number;
  tally.firstIndex ??= tally.lastIndex;
}

function summary(tally: AppendTally, file: string): string {
  const count = `${tally.appended} artifact${tally.appended === 1 ? '' : 's'}`;
  const where =
    tally.appended === 0
      ? ''
      : ` (chain ${tally.chainId}, chain_index ${tally.firstIndex === tally.lastIndex ? tally.firstIndex : `${tally.firstIndex}-${tally.lastIndex}`})`;
  const signed = tally.signed > 0 ? `, ${tally.signed} signed on the way` : '';
  const refused = tally.refused > 0 ? `; ${tally.refused} refused` : '';
  return `appended ${count} to ${file}${where}${signed}${refused}`;
}
