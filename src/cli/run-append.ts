// `aigc chain append FILE`: artifacts read from stdin (NDJSON or pretty-printed
// values, the reader `aigc enforce` uses) are chained into FILE under the same
// lock and rules as `enforce --chain`, each on disk before the next is read.
//
// With a key, only authentic artifacts enter the trail: an artifact that is
// already signed must verify with the key (else it is refused), and an
// unsigned one is signed before it is chained (sign, then chain: the order in
// which both the signature and the chain verify). Without a key artifacts are
// chained as they are. Input that is not a JSON object is refused. Every
// refusal is reported on stderr with its input line, and makes the exit code 1.
import type {Readable} from 'node:stream';
import {type ArtifactSigner, signArtifact, verifyArtifact} from '../audit/signing.js';
import {ChainFileWriter} from '../io/chain-file.js';
import {appendToChainFile} from './chain-writes.js';
import {JsonValueReader, type JsonStreamItem} from '../io/json-values.js';
import {isDict, type PyDict} from '../python/values.js';
import {ExitCode} from './exit-codes.js';
import {type KeyFlags, signerFromFlags} from './keys.js';

export interface AppendFlags extends KeyFlags {
  'chain-id'?: string;
}

export interface AppendIo {
  stdin: Readable;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

interface AppendTally {
  appended: number;
  signed: number;
  refused: number;
  chainId: string | null;
  firstIndex: number | null;
  lastIndex: number | null;
}

const PROGRAM = 'aigc chain append';

export async function runAppend(file: string, flags: AppendFlags, io: AppendIo = {stdin: process.stdin, stderr: process.stderr, env: process.env}): Promise<number> {
  const signer = signerFromFlags(flags, io.env);
  const writer = new ChainFileWriter(file, {chainId: flags['chain-id']});
  const reader = new JsonValueReader();
  const tally: AppendTally = {appended: 0, signed: 0, refused: 0, chainId: null, firstIndex: null, lastIndex: null};
  const refuse = (line: number, why: string): void => {
    tally.refused++;
    io.stderr.write(`${PROGRAM}: stdin:${line}: ${why}; not appended\n`);
  };
  const handle = async (item: JsonStreamItem): Promise<void> => {
    if (item.kind === 'invalid') return refuse(item.line, item.reason.replace(/^Invocation/, 'the input'));
    if (!isDict(item.value)) return refuse(item.line, 'not a JSON object');
    const artifact = authenticated(item.value, signer, tally);
    if (artifact === null) return refuse(item.line, 'its signature does not verify with the given key');
    await appendToChainFile(writer, artifact);
    record(tally, artifact);
  };
  for await (const chunk of io.stdin) for (const item of reader.push(chunk as Buffer)) await handle(item);
  for (const item of reader.end()) await handle(item);
  io.stderr.write(`${PROGRAM}: ${summary(tally, file)}\n`);
  return tally.refused > 0 ? ExitCode.CheckFailed : ExitCode.Success;
}

/** The artifact to chain (signed when it was not), or null when its signature does not verify. */
function authenticated(artifact: PyDict, signer: ArtifactSigner | null, tally: AppendTally): PyDict | null {
  if (signer === null) return artifact;
  if (artifact.signature === undefined || artifact.signature === null) {
    tally.signed++;
    return signArtifact(artifact, signer);
  }
  return verifyArtifact(artifact, signer) ? artifact : null;
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
