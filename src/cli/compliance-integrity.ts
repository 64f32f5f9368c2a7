// The integrity flags of `aigc compliance export` (--checkpoint, --pubkey,
// --key-env): what they name, read before any trail is, and the integrity of
// each input (src/report/trail-integrity.ts) once the report is built.
import {stat} from 'node:fs/promises';
import {resolve} from 'node:path';
import type {NoteVerifier} from '../audit/tlog/keys.js';
import {trailCheckpointPath} from '../audit/tlog/log.js';
import {JsonlSourceError} from '../io/jsonl.js';
import {checkTrailIntegrity, type IntegrityInput, type TrailIntegrity} from '../report/trail-integrity.js';
import type {CommandIo} from './command-io.js';
import {ioError, usageError} from './exit-codes.js';
import {type InputFile, STDIN} from './input-paths.js';
import {keyFromFlags} from './keys.js';
import {readErrorText} from './system-errors.js';
import {overTrail, readSmallFile, verifierKeysOf} from './tlog-files.js';

export interface IntegrityFlags {
  checkpoint?: string[];
  pubkey?: string[];
  'key-env'?: string;
}

/** What the integrity check of a run needs, read and checked up front. */
export interface IntegrityPlan {
  inputs: IntegrityInput[];
  signingKey: Uint8Array | null;
  logKeys: NoteVerifier[];
}

const FLAG_NAMES = ['checkpoint', 'pubkey', 'key-env'] as const;

function givenFlags(flags: IntegrityFlags): string[] {
  return FLAG_NAMES.filter((name) => flags[name] !== undefined).map((name) => `--${name}`);
}

/**
 * The plan for `inputs`, or null when nothing shows integrity (the json
 * format without --attest, or a dataset's report); the flags are then a usage error.
 */
export async function integrityPlan(flags: IntegrityFlags, inputs: InputFile[] | null, wanted: boolean, io: CommandIo): Promise<IntegrityPlan | null> {
  const given = givenFlags(flags);
  if (inputs === null || !wanted) {
    if (given.length === 0) return null;
    const why = inputs === null ? 'the trails, not a dataset (--from-parquet)' : 'the markdown and html reports and --attest (the json is the reference report)';
    throw usageError(`${given.join(', ')}: the integrity of the inputs is shown for ${why}`);
  }
  const checkpoints = flags.checkpoint ?? [];
  if (checkpoints.length > 0 && checkpoints.length !== inputs.length) {
    throw usageError(`--checkpoint is given ${checkpoints.length} time(s) for ${inputs.length} input trail(s): give one per input, in the inputs' order`);
  }
  const signingKey = keyFromFlags({'key-env': flags['key-env']}, io.env);
  const logKeys = await verifierKeysOf(flags.pubkey ?? [], io);
  const planned: IntegrityInput[] = [];
  for (const [index, {path}] of inputs.entries()) {
    const isStdin = path === STDIN;
    const checkpoint = checkpoints.length > 0 ? await namedCheckpoint(checkpoints[index] as string, io) : isStdin ? null : await checkpointBeside(path, io);
    const readAgain = !isStdin && (await isRegularFile(resolve(io.cwd, path)));
    planned.push({name: isStdin ? 'stdin' : path, path: readAgain ? resolve(io.cwd, path) : null, checkpoint});
  }
  return {inputs: planned, signingKey, logKeys};
}

/** A named pipe (or device) given as a trail was read once already: it is not read again. */
export async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function namedCheckpoint(file: string, io: CommandIo): Promise<IntegrityInput['checkpoint']> {
  if (file === STDIN) throw usageError('--checkpoint must name a file: the inputs may be read from stdin');
  return {note: await readSmallFile(file, 'checkpoint', io), source: file};
}

/** `TRAIL.checkpoint` when it exists (a FIFO or device there is refused, exit 3). */
async function checkpointBeside(trail: string, io: CommandIo): Promise<IntegrityInput['checkpoint']> {
  const file = trailCheckpointPath(trail);
  try {
    await stat(resolve(io.cwd, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(`cannot read the checkpoint: ${readErrorText((error as NodeJS.ErrnoException).code ?? 'EIO')}`, file, error);
  }
  return {note: await readSmallFile(file, 'checkpoint', io), source: file};
}

/** Each input's integrity, by the plan; a trail that cannot be read again is exit 3, naming it. */
export async function inputIntegrity(plan: IntegrityPlan): Promise<TrailIntegrity[]> {
  const results: TrailIntegrity[] = [];
  for (const input of plan.inputs) {
    try {
      results.push(...(await overTrail(input.name, () => checkTrailIntegrity([input], {signingKey: plan.signingKey, logKeys: plan.logKeys}))));
    } catch (error) {
      if (error instanceof JsonlSourceError) throw ioError(`cannot read the trail again: ${readErrorText(error.code)}`, input.name, error);
      throw error;
    }
  }
  return results;
}
