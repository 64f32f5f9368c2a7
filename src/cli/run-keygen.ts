// `aigc chain keygen NAME -o PREFIX`: a new Ed25519 key pair in the signed-note
// formats, PREFIX.key (mode 0600) and PREFIX.pub; the verifier key on stdout,
// the signer key nowhere but its file.
import {resolve} from 'node:path';
import {isValidKeyName, quoted} from '../audit/tlog/encoding.js';
import {TlogError} from '../audit/tlog/errors.js';
import {writeNoteKeyPair} from '../audit/tlog/keys.js';
import type {CommandIo} from './command-io.js';
import {commandNotes} from './diagnostics.js';
import {CliError, ExitCode, ioError, usageError} from './exit-codes.js';
import {writeToStream} from './output.js';
import type {CHAIN_KEYGEN} from './specs/chain-keygen.js';
import type {FlagValues} from './start/spec.js';
import {systemErrorText} from './system-errors.js';
import {tlogCliError} from './tlog-files.js';

export type KeygenFlags = FlagValues<(typeof CHAIN_KEYGEN)['flags']>;

export async function runKeygen(name: string, flags: KeygenFlags, io: CommandIo): Promise<number> {
  if (!isValidKeyName(name)) throw usageError(`the key name ${quoted(name)} must be non-empty, without spaces or +`);
  const prefix = flags.output;
  let written: Awaited<ReturnType<typeof writeNoteKeyPair>>;
  try {
    written = await writeNoteKeyPair(resolve(io.cwd, prefix), name, flags.witness ? 'cosignature/v1' : 'ed25519');
  } catch (error) {
    if (error instanceof TlogError && error.code === 'key-exists') {
      const file = error.file?.endsWith('.pub') ? `${prefix}.pub` : `${prefix}.key`;
      throw new CliError('key-exists: the file already exists; a key is never overwritten', ExitCode.Internal, {file}, {cause: error});
    }
    if (error instanceof TlogError) throw tlogCliError(error, prefix);
    const code = (error as NodeJS.ErrnoException).code;
    throw ioError(`cannot write the key files: ${systemErrorText(code, 'write') ?? `system error (${code ?? 'EIO'})`}`, `${prefix}.key`, error);
  }
  commandNotes(io.stderr, 'chain keygen')(`wrote ${prefix}.key (the signer key, mode 0600: keep it secret) and ${prefix}.pub (the verifier key, for auditors)`);
  await writeToStream(io.stdout, `${written.verifierKey}\n`);
  return ExitCode.Success;
}
