// The `aigc enforce` loop: JSON values in, one compact artifact per value
// out, in order, each written as soon as it is decided. Kept free of oclif,
// ink and chalk so the fast start-up path can import it directly.

import {createReadStream} from 'node:fs';
import {appendFile} from 'node:fs/promises';
import type {Readable, Writable} from 'node:stream';
import {CanonicalJsonError} from '../canonical/canonical.js';
import {pyJsonDumps} from '../canonical/dumps.js';
import type {RedactionPattern} from '../audit/redaction.js';
import type {EnforcementGate} from '../gates/custom.js';
import {ChainFileWriter} from '../io/chain-file.js';
import {type JsonStreamItem, JsonValueReader} from '../io/json-values.js';
import {appendToChainFile} from './chain-writes.js';
import {createItemDecider, type DecidedItem, type DeciderSettings, type ItemDecider} from './enforce-items.js';
import {ExitCode, ioError} from './exit-codes.js';

export interface EnforceRunOptions {
  input?: string;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  now?: number;
  /** HMAC key: every artifact is signed with it. */
  signingKey?: Uint8Array | null;
  chainFile?: string;
  chainId?: string;
  recordFile?: string;
  policyRoot?: string;
  pretty?: boolean;
  strictMode?: boolean;
  customGates?: readonly EnforcementGate[];
  redactionPatterns?: readonly RedactionPattern[];
}

/** Runs the stream; resolves to the exit code (0 all PASS, 1 any FAIL). */
export async function runEnforce(options: EnforceRunOptions): Promise<number> {
  const settings: DeciderSettings = {
    now: options.now,
    policyRoot: options.policyRoot,
    strictMode: options.strictMode,
    redactionPatterns: options.redactionPatterns,
    key: options.signingKey ?? null,
    pretty: options.pretty,
  };
  const reader = new JsonValueReader();
  const output = new OutputStream(options.stdout);
  const source = options.input ? openInput(options.input) : options.stdin;
  let counts: {count: number; fails: number};
  try {
    counts = await runInline(source, reader, output, options, createItemDecider(settings, options.customGates));
  } catch (error) {
    if (options.input && (error as NodeJS.ErrnoException).code) {
      throw ioError(`cannot read the input (${(error as NodeJS.ErrnoException).code})`, options.input, error);
    }
    throw error;
  }
  await output.drained();
  if (output.failure) {
    throw ioError(`cannot write the artifacts (${output.failure.code ?? output.failure.message}); artifacts were lost`, 'stdout', output.failure);
  }
  if (counts.count === 0 && !output.closed) options.stderr.write('aigc enforce: no invocations in the input\n');
  return counts.fails > 0 ? ExitCode.CheckFailed : ExitCode.Success;
}

async function runInline(
  source: Readable,
  reader: JsonValueReader,
  output: OutputStream,
  options: EnforceRunOptions,
  decider: ItemDecider,
): Promise<{count: number; fails: number}> {
  const chain = options.chainFile ? new ChainFileWriter(options.chainFile, {chainId: options.chainId}) : null;
  let count = 0;
  let fails = 0;
  // Artifacts go out a few dozen at a time: as soon as their input chunk is
  // decided or PIECE_CHARS of them are waiting, without a syscall per line,
  // and in pieces small enough to be made in reused memory (a string or buffer
  // of a few hundred KiB is mapped afresh and faulted in page by page).
  let pending: string[] = [];
  let pendingChars = 0;
  const take = (decided: DecidedItem): void => {
    count++;
    if (!decided.pass) fails++;
    const line = decider.line(decided.artifact);
    pending.push(line);
    pendingChars += line.length;
    if (pendingChars >= PIECE_CHARS) writePending();
  };
  const writePending = (): void => {
    // Joined with their newlines in one go: a newline added to each would make a
    // string of two parts per artifact, each flattened again by the join.
    const text = `${pending.join('\n')}\n`;
    pending = [];
    pendingChars = 0;
    output.write(text);
  };
  // Chaining and recording write files before the next input is read; a plain stream decides without waiting.
  const handle = async (item: JsonStreamItem): Promise<void> => {
    let decided = decider.decide(item);
    if (chain) decided = await chained(chain, decided, decider);
    if (options.recordFile && item.kind === 'value') {
      const record = pyJsonDumps({invocation: item.value, artifact: decided.artifact}, {separators: [',', ':']});
      await appendFile(options.recordFile, `${record}\n`, 'utf8').catch((error) => {
        throw ioError(`cannot write the record file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, options.recordFile!, error);
      });
    }
    take(decided);
  };
  const writesFiles = chain !== null || options.recordFile !== undefined;
  const flush = async (): Promise<void> => {
    if (pending.length > 0) writePending();
    await output.backpressure();
  };
  const handleAll = async (items: Iterable<JsonStreamItem>): Promise<void> => {
    if (!writesFiles) for (const item of items) take(decider.decide(item));
    else for (const item of items) await handle(item);
  };
  for await (const chunk of source) {
    await handleAll(reader.push(chunk as Buffer));
    await flush();
    if (output.closed) break;
  }
  if (!output.closed) await handleAll(reader.end());
  await flush();
  return {count, fails};
}

/** Appends the decision to the chain; one whose artifact has no canonical bytes is chained as its FAIL. */
async function chained(chain: ChainFileWriter, decided: DecidedItem, decider: ItemDecider): Promise<DecidedItem> {
  try {
    await appendToChainFile(chain, decided.artifact);
    return decided;
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    const replacement = decider.unrecordable(error);
    await appendToChainFile(chain, replacement.artifact);
    return replacement;
  }
}

function openInput(path: string): Readable {
  return createReadStream(path, {highWaterMark: 1 << 16});
}

const MAX_QUEUED_OUTPUT = 4 * 1024 * 1024;
/** Artifact text written in one go at most (give or take one artifact). */
const PIECE_CHARS = 32 * 1024;

/**
 * Stdout with backpressure. A reader that went away (EPIPE) ends the run
 * quietly; any other write failure (a full disk, a closed descriptor) ends it
 * too, and is reported: artifacts were lost.
 */
class OutputStream {
  closed = false;
  failure: NodeJS.ErrnoException | null = null;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.failure = error;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    try {
      this.stream.write(text);
    } catch (error) {
      // A stdout that is a file or device writes synchronously, and throws.
      this.closed = true;
      this.failure = error as NodeJS.ErrnoException;
    }
  }

  /** Waits for the reader only when a few MiB are queued: waiting for every drain would stall on each pipe-sized write. */
  async backpressure(): Promise<void> {
    if (!this.closed && this.stream.writableLength > MAX_QUEUED_OUTPUT) await this.drained();
  }

  /** Resolves once everything written has been handed to the reader (or the reader went away). */
  async drained(): Promise<void> {
    if (this.closed || this.stream.writableLength === 0) return;
    // A write's callback runs once it, and so everything before it, is flushed.
    await new Promise<void>((resolve) => {
      this.stream.write('', () => resolve());
      this.stream.once('close', resolve);
    });
  }
}
