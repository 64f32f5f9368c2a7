// What the transparency-log commands (`chain keygen`, `checkpoint`, `prove`,
// `verify-proof`, `consistency`, `verify-consistency`, `cosign`, and the
// checkpoint flags of `chain verify`, `enforce` and `chain append`) share:
// reading their small input files (keys, checkpoints, proofs), and the one
// mapping of a `TlogError` to an exit code, so every command words and exits
// alike. A key is never printed, whatever goes wrong with it.
import {readFile, stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import type {Readable} from 'node:stream';
import {parseCheckpointNote} from '../audit/tlog/checkpoint.js';
import {TlogError, type TlogErrorCode} from '../audit/tlog/errors.js';
import {type NoteSigner, type NoteVerifier, readSignerKeyFile, readVerifierKeyFile} from '../audit/tlog/keys.js';
import {specialFileType} from '../files/regular-file.js';
import type {CommandIo} from './command-io.js';
import {CliError, ExitCode, ioError, usageError} from './exit-codes.js';
import {readErrorText, systemErrorText} from './system-errors.js';

/** Checkpoints, proofs and keys are a few KiB, an artifact at most a trail line (64 MiB): anything larger is not one. */
const MAX_SMALL_FILE_BYTES = 64 * 1024 * 1024;

/** Failures that are about a file the user handed over (a key, a witness state), not a verdict: exit 3. */
const FILE_FAILURES: ReadonlySet<TlogErrorCode> = new Set(['malformed-key', 'key-exists', 'witness-state']);

/** The exit code of a transparency-log failure: 3 for a bad key or state file, 2 for a bad quorum, 1 for every failed check. */
export function tlogExitCode(code: TlogErrorCode): ExitCode {
  if (FILE_FAILURES.has(code)) return ExitCode.Internal;
  if (code === 'invalid-quorum') return ExitCode.Usage;
  return ExitCode.CheckFailed;
}

/** A `TlogError` as the `CliError` a command stops with: `code: message`, at its file and line. */
export function tlogCliError(error: TlogError, file?: string): CliError {
  const where = error.file ?? file;
  return new CliError(`${error.code}: ${error.message}`, tlogExitCode(error.code), where === undefined ? undefined : {file: where, line: error.line}, {cause: error});
}

/** Runs `work`, turning a `TlogError` into the command's `CliError` (said of `file` when it names none). */
export async function asCommandFailure<T>(work: () => Promise<T> | T, file?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TlogError) throw tlogCliError(error, file);
    throw error;
  }
}

/** A file's bytes ("-": stdin, once), or exit 3 naming the file as given. Only a regular file is opened (never a FIFO or a device). */
export async function readSmallFile(file: string, what: string, io: Pick<CommandIo, 'cwd' | 'stdin'>): Promise<Buffer> {
  if (file === '-') return readStdin(io.stdin, what);
  await checkSmallFile(file, what, io);
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (error) {
    throw ioError(`cannot read the ${what}: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
}

/** A regular file of at most the size any of these files can have, or exit 3. */
async function checkSmallFile(file: string, what: string, io: Pick<CommandIo, 'cwd'>): Promise<void> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(resolve(io.cwd, file));
  } catch (error) {
    throw ioError(`cannot read the ${what}: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  if (!stats.isFile()) throw ioError(`cannot read the ${what}: it is not a regular file`, file);
  if (stats.size > MAX_SMALL_FILE_BYTES) throw ioError(`the ${what} is over ${MAX_SMALL_FILE_BYTES / 1024 / 1024} MiB: not a ${what}`, file);
}

async function readStdin(stdin: Readable, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_SMALL_FILE_BYTES) throw ioError(`the ${what} is over ${MAX_SMALL_FILE_BYTES / 1024 / 1024} MiB: not a ${what}`, 'stdin');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** A checkpoint file, read and parsed (not verified: whoever checks a proof does that), failures said of the file. */
export async function readCheckpointFile(file: string, io: Pick<CommandIo, 'cwd' | 'stdin'>): Promise<Buffer> {
  const note = await readSmallFile(file, 'checkpoint', io);
  await asCommandFailure(() => parseCheckpointNote(note), file);
  return note;
}

/** "-" may stand for stdin in one place only. */
export function stdinOnce(files: readonly (string | undefined)[]): void {
  if (files.filter((file) => file === '-').length > 1) throw usageError('stdin (-) can be read only once');
}

/** The signer key in a key file (`PREFIX.key`); a bad one is exit 3, and its content is never shown. */
export async function signerKeyOf(file: string, io: Pick<CommandIo, 'cwd'>): Promise<NoteSigner> {
  await checkSmallFile(file, 'signer key file', io);
  return asKeyFile(file, () => readSignerKeyFile(resolve(io.cwd, file)), 'signer key file');
}

/** The verifier keys in key files (`PREFIX.pub`), in order. */
export async function verifierKeysOf(files: readonly string[], io: Pick<CommandIo, 'cwd'>): Promise<NoteVerifier[]> {
  const keys: NoteVerifier[] = [];
  for (const file of files) {
    await checkSmallFile(file, 'public key file', io);
    keys.push(await asKeyFile(file, () => readVerifierKeyFile(resolve(io.cwd, file)), 'public key file'));
  }
  return keys;
}

async function asKeyFile<T>(file: string, read: () => Promise<T>, what: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TlogError) throw new CliError(`${error.code}: ${error.message}`, ExitCode.Internal, {file}, {cause: error});
    throw ioError(`cannot read the ${what}: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
}

/** `--quorum`, which only means something with `--witness`. */
export function quorumOf(flags: {witness?: string[]; quorum?: number}): number | undefined {
  if (flags.quorum !== undefined && (flags.witness ?? []).length === 0) throw usageError('--quorum needs --witness');
  if (flags.quorum !== undefined && flags.quorum > (flags.witness ?? []).length) {
    throw usageError(`--quorum ${flags.quorum} is more than the ${(flags.witness ?? []).length} witness key(s) given`);
  }
  return flags.quorum;
}

/** A trail to index (never stdin: its tile store lives beside it) must be a readable file, or exit 3. */
export async function checkTrailFile(trail: string, io: Pick<CommandIo, 'cwd'>): Promise<void> {
  if (trail === '-') throw usageError('the trail must be a file (its tile store is kept beside it), not stdin');
  let isFile: boolean;
  try {
    isFile = (await stat(resolve(io.cwd, trail))).isFile();
  } catch (error) {
    throw ioError(`cannot read the trail: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, trail, error);
  }
  if (!isFile) throw ioError('cannot read the trail: it is not a file', trail);
}

/** A witness state file: absent (the first cosignature makes it) or a regular file; a FIFO, device or folder is exit 3 at once, never opened. */
export async function checkWitnessStateFile(state: string, io: Pick<CommandIo, 'cwd'>): Promise<void> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(resolve(io.cwd, state));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT') return;
    throw ioError(`cannot read the witness state: ${readErrorText(code)}`, state, error);
  }
  if (stats.isDirectory()) throw ioError('cannot use the witness state: it is a folder, not a file', state);
  if (!stats.isFile()) throw ioError(`cannot use the witness state: it is a ${specialFileType(stats)}, not a regular file`, state);
}

/** Runs `work` over a trail: a `TlogError` becomes the command's failure, a system error exit 3 naming the trail (or its tiles). */
export async function overTrail<T>(trail: string, work: () => Promise<T>): Promise<T> {
  return overFile(trail, (error, wording) => {
    const onTiles = String(error.path ?? '').includes('.tiles');
    return onTiles ? `cannot update the tile store beside the trail (${trail}.tiles): ${wording('write')}` : `cannot read the trail: ${wording('read')}`;
  }, work);
}

/** As `overTrail`, for a witness's state file. */
export async function overWitnessState<T>(state: string, work: () => Promise<T>): Promise<T> {
  return overFile(state, (_error, wording) => `cannot read or replace the witness state: ${wording('write')}`, work);
}

async function overFile<T>(file: string, say: (error: NodeJS.ErrnoException, wording: (action: 'read' | 'write') => string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TlogError) throw tlogCliError(error, file);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const wording = (action: 'read' | 'write') => systemErrorText(code, action) ?? `system error (${code})`;
    throw ioError(say(error as NodeJS.ErrnoException, wording), file, error);
  }
}
