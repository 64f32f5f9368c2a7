// Chaining from a command (`enforce --chain`, `chain append`): group commit
// into the trail, with what goes wrong as an I/O error (exit 3) naming the
// chain file, whichever command was writing to it, the `--durability`
// flag's values, and the checkpoints `--checkpoint-key` keeps beside the trail.
import {GroupCommit} from '../audit/group-commit.js';
import type {TrailCheckpointer} from '../audit/tlog/trail-checkpoints.js';
import {DURABILITY_CHOICES, type Durability} from '../audit/durability.js';
import {ChainFileError, type TrailBatch, type TrailLinker, TrailWriter} from '../audit/trail-writer.js';
import {FileLockError} from '../io/file-lock.js';
import type {PyDict} from '../python/values.js';
import type {CommandIo} from './command-io.js';
import {ioError, usageError} from './exit-codes.js';

/** The `--durability` value, checked. */
export function durabilityFlag(value: string | undefined): Durability {
  if (value === undefined) return 'batch';
  if ((DURABILITY_CHOICES as readonly string[]).includes(value)) return value as Durability;
  throw usageError(`--durability must be one of ${DURABILITY_CHOICES.join(', ')} (got '${value}')`);
}

/**
 * The checkpointer `--checkpoint-key` and `--checkpoint-every` ask for (its key
 * read and checked before any input is), or undefined without them.
 */
export async function checkpointerFromFlags(
  trail: string | undefined,
  flags: {'checkpoint-key'?: string; 'checkpoint-every'?: number},
  io: Pick<CommandIo, 'cwd'>,
  warn: (message: string) => void,
): Promise<TrailCheckpointer | undefined> {
  const keyFile = flags['checkpoint-key'];
  if (flags['checkpoint-every'] !== undefined && keyFile === undefined) throw usageError('--checkpoint-every needs --checkpoint-key');
  if (keyFile === undefined) return undefined;
  if (trail === undefined) throw usageError('--checkpoint-key needs --chain');
  // Loaded here: the specs read this module's help text at every start.
  const [{signerKeyOf}, {TrailCheckpointer}] = await Promise.all([import('./tlog-files.js'), import('../audit/tlog/trail-checkpoints.js')]);
  const logKey = await signerKeyOf(keyFile, io);
  if (logKey.type !== 'ed25519') throw ioError('malformed-key: a witness key (cosignature/v1) cannot sign checkpoints; give the log key', keyFile);
  return new TrailCheckpointer(trail, logKey, {every: flags['checkpoint-every'], warn});
}

export interface CommandChainOptions<Item, Linked> {
  chainId?: string;
  durability: Durability;
  /** How each item is linked (default: artifacts, in place, each line compact Python json.dumps). */
  linker?: TrailLinker<Item, Linked>;
  /** Each batch once it is durable, in order. */
  reported: (batch: TrailBatch<Linked>) => void;
  /** A one-line notice for stderr (a torn line cut off after a writer died). */
  warn: (message: string) => void;
  /** Keeps `TRAIL.checkpoint` signed and current (`--checkpoint-key`), under the trail's lock. */
  checkpointer?: TrailCheckpointer;
}

/** A command's chain writer (of artifacts, or of what its linker links). */
export class CommandChain<Item = PyDict, Linked = Item> {
  private readonly group: GroupCommit<Item, Linked>;
  private readonly checkpointer: TrailCheckpointer | undefined;

  constructor(
    readonly path: string,
    options: CommandChainOptions<Item, Linked>,
  ) {
    const writer = new TrailWriter<Item, Linked>(path, {
      chainId: options.chainId,
      linker: options.linker,
      durability: options.durability,
      onRecovery: options.warn,
      afterBatch: options.checkpointer?.afterBatch,
    });
    this.checkpointer = options.checkpointer;
    this.group = new GroupCommit(writer, options.reported);
  }

  /** Queues an artifact; a promise to wait for when that committed a batch. */
  add(artifact: Item): Promise<void> | undefined {
    try {
      return this.group.add(artifact)?.catch((error: unknown) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  /** The input has nothing more at hand for now. */
  idle(): void {
    this.group.idle();
  }

  /** Commits the rest; resolves once everything is durable (and checkpointed, with a checkpointer). */
  async close(): Promise<void> {
    this.checkpointer?.closingBatches();
    await this.group.close().catch((error: unknown) => this.fail(error));
    const checkpointer = this.checkpointer;
    if (checkpointer === undefined) return;
    await checkpointer.finish().catch((error: unknown) => {
      if (error instanceof FileLockError && error.code === 'ETIMEDOUT') throw ioError(error.message, this.path, error);
      const code = (error as NodeJS.ErrnoException).code;
      throw ioError(`cannot write the checkpoint (${code ?? (error as Error).message})`, checkpointer.file, error);
    });
  }

  private fail(error: unknown): never {
    if (error instanceof ChainFileError) throw ioError(error.reason, error.path, error);
    if (error instanceof FileLockError && error.code === 'ETIMEDOUT') throw ioError(error.message, this.path, error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw ioError(`cannot append to the chain file (${code})`, this.path, error);
    throw error;
  }
}
