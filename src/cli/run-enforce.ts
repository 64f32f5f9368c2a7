// `aigc enforce`: JSON values in, one compact artifact per value out, in
// order, each written as soon as it is decided (with --chain, as soon as its
// batch is durable in the chain).

import {appendFileSync, createReadStream} from 'node:fs';
import type {Readable, Writable} from 'node:stream';
import type {CanonicalJsonError} from '../canonical/canonical.js';
import {nativeJsonIsPythons, pyJsonDumps} from '../canonical/dumps.js';
import type {RedactionPattern} from '../audit/redaction.js';
import type {TrailCheckpointer} from '../audit/tlog/trail-checkpoints.js';
import type {Durability} from '../audit/durability.js';
import {hasOwnOutput, type LinkedTemplate, linkedPass, TEMPLATE_LINKER, type TemplateRef, writePrintedLine, writeRecordLine} from '../audit/link-template.js';
import {appendArtifact} from '../audit/trail-writer.js';
import type {EnforcementGate} from '../gates/custom.js';
import {type JsonStreamItem, JsonValueReader} from '../io/json-values.js';
import {LineBytes} from '../io/line-bytes.js';
import type {PyDict, PyValue} from '../python/values.js';
import {CommandChain, checkpointerFromFlags, durabilityFlag} from './chain-writes.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {commandNotes, emptyInputText} from './diagnostics.js';
import {createItemDecider, type DecidedItem, type DeciderSettings, type ItemDecider, recordText} from './enforce-items.js';
import {type EnforceWorkerData, enforceOnThreads} from './enforce-threads.js';
import {ExitCode, ioError, usageError} from './exit-codes.js';
import {loadGateModules} from './gates.js';
import {keyFromFlags} from './keys.js';
import {OutputStream} from './output.js';
import {redactionPatternsFromFlags} from './redact-flags.js';
import type {ENFORCE} from './specs/enforce.js';
import type {FlagValues} from './start/spec.js';
import {threadsFlag} from './threads.js';

export type EnforceFlags = FlagValues<(typeof ENFORCE)['flags']>;

/** `aigc enforce` with its flags: the settings checked (keys, patterns, gates) before any input is read. */
export async function runEnforceCommand(flags: EnforceFlags, io: CommandIo): Promise<number> {
  if (flags['chain-id'] !== undefined && flags.chain === undefined) throw usageError('--chain-id needs --chain');
  if (flags.durability !== undefined && flags.chain === undefined) throw usageError('--durability needs --chain');
  const durability = durabilityFlag(flags.durability);
  const threads = flags.threads === undefined ? 1 : threadsFlag(flags.threads);
  const checkpointer = await checkpointerFromFlags(flags.chain, flags, io, commandNotes(io.stderr, 'enforce'));
  const signingKey = keyFromFlags(flags, io.env);
  const redactionPatterns = redactionPatternsFromFlags(flags.redact);
  const customGates = await loadGateModules(flags.gate ?? [], io.cwd, io.importModule);
  // Typed at a terminal with nothing piped in, aigc enforce would look hung: it is waiting for stdin.
  if (flags.input === undefined && (io.stdin as {isTTY?: boolean}).isTTY === true) {
    commandNotes(io.stderr, 'enforce')('reading invocations from stdin (a terminal): type JSON values, then Ctrl-D; or pipe a file in, or use --input FILE');
  }
  return runEnforce({
    input: flags.input,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    now: parseNow(flags.now),
    signingKey,
    chainFile: flags.chain,
    chainId: flags['chain-id'],
    durability,
    checkpointer,
    recordFile: flags.record,
    policyRoot: flags['policy-root'],
    pretty: flags.pretty,
    strictMode: flags.strict,
    customGates,
    redactionPatterns,
    threads,
    workerFlags: {redact: flags.redact, gates: flags.gate ?? [], cwd: io.cwd},
  });
}

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
  /** With chainFile (default 'batch'). */
  durability?: Durability;
  /** With chainFile: keeps `TRAIL.checkpoint` signed (`--checkpoint-key`). */
  checkpointer?: TrailCheckpointer;
  recordFile?: string;
  policyRoot?: string;
  pretty?: boolean;
  strictMode?: boolean;
  customGates?: readonly EnforcementGate[];
  redactionPatterns?: readonly RedactionPattern[];
  /** Threads deciding (default 1; with `chainFile`, this one also links and writes). More than 1 needs `workerFlags`. */
  threads?: number;
  /** The flags the workers load their gates and patterns from, as the command did. */
  workerFlags?: {redact: string[] | undefined; gates: string[]; cwd: string};
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
  const output = OutputStream.of(options.stdout);
  const source = options.input ? openInput(options.input) : options.stdin;
  let counts: {count: number; fails: number};
  try {
    const decider = createItemDecider(settings, options.customGates);
    counts =
      (options.threads ?? 1) > 1 && options.workerFlags !== undefined
        ? await runOnThreads(source, output, options, settings, options.workerFlags, decider)
        : await runInline(source, reader, output, options, decider);
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
  if (counts.count === 0 && !output.closed) commandNotes(options.stderr, 'enforce')(emptyInputText(options.input ?? 'stdin', 'invocations'));
  return counts.fails > 0 ? ExitCode.CheckFailed : ExitCode.Success;
}

async function runInline(
  source: Readable,
  reader: JsonValueReader,
  output: OutputStream,
  options: EnforceRunOptions,
  decider: ItemDecider,
): Promise<{count: number; fails: number}> {
  let count = 0;
  let fails = 0;
  // Artifacts go out a few dozen at a time: as soon as their input chunk is
  // decided or PIECE_CHARS of them are waiting, without a syscall per line,
  // and in pieces small enough to be made in reused memory (a string or buffer
  // of a few hundred KiB is mapped afresh and faulted in page by page).
  let pending: string[] = [];
  let pendingChars = 0;
  const take = (artifact: PyDict, line = decider.line(artifact)): void => {
    count++;
    if (artifact.enforcement_result !== 'PASS') fails++;
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
  const recordFile = options.recordFile;
  // Records go before their artifacts are printed, a batch in one write.
  const settle = (artifacts: readonly PyDict[], invocations: Array<PyValue | typeof UNREADABLE>, lines?: readonly string[]): void => {
    if (recordFile !== undefined) writeRecords(recordFile, artifacts, invocations);
    for (let index = 0; index < artifacts.length; index++) take(artifacts[index], lines?.[index]);
  };
  const printPending = (): void => {
    if (pending.length > 0) writePending();
  };
  /** A chained batch whose output lines are its chain lines: printed as the bytes written. */
  const settleWritten = (artifacts: readonly PyDict[], bytes: Buffer, invocations: Array<PyValue | typeof UNREADABLE>): void => {
    if (recordFile !== undefined) writeRecords(recordFile, artifacts, invocations);
    printPending();
    count += artifacts.length;
    for (const artifact of artifacts) if (artifact.enforcement_result !== 'PASS') fails++;
    output.write(bytes);
  };
  const chain = options.chainFile ? chainFor(options, decider, settle, settleWritten, printPending) : null;
  const handleAll = async (items: Iterable<JsonStreamItem>): Promise<void> => {
    if (chain) {
      for (const item of items) {
        const wait = chain.add(decider.decide(item).artifact, invocationOf(item));
        if (wait) await wait;
      }
    } else if (recordFile !== undefined) {
      const decided: DecidedItem[] = [];
      const invocations: Array<PyValue | typeof UNREADABLE> = [];
      for (const item of items) {
        decided.push(decider.decide(item));
        invocations.push(invocationOf(item));
      }
      settle(
        decided.map((one) => one.artifact),
        invocations,
      );
    } else {
      // A plain stream decides without waiting.
      for (const item of items) take(decider.decide(item).artifact);
    }
  };
  const flush = async (): Promise<void> => {
    printPending();
    await output.backpressure(MAX_QUEUED_OUTPUT);
  };
  for await (const chunk of source) {
    await handleAll(reader.push(chunk as Buffer));
    chain?.idle();
    await flush();
    if (output.closed) break;
  }
  if (!output.closed) await handleAll(reader.end());
  // Whatever was decided goes into the chain, even once no one reads stdout.
  await chain?.close();
  await flush();
  return {count, fails};
}

/**
 * `--threads N`: batches decided on N threads, each written (its records
 * first) in input order; with --chain, decided into link templates that this
 * thread links, commits and then prints, batch by batch.
 */
async function runOnThreads(
  source: Readable,
  output: OutputStream,
  options: EnforceRunOptions,
  settings: DeciderSettings,
  flags: NonNullable<EnforceRunOptions['workerFlags']>,
  decider: ItemDecider,
): Promise<{count: number; fails: number}> {
  const counts = {count: 0, fails: 0};
  const recordFile = options.recordFile;
  const {redactionPatterns: _patterns, ...plainSettings} = settings;
  const chain = options.chainFile === undefined ? null : templateChainFor(options, output, counts);
  const workerData: EnforceWorkerData = {settings: plainSettings, ...flags, record: recordFile !== undefined, chain: chain !== null};
  await enforceOnThreads(
    source,
    options.threads!,
    workerData,
    decider,
    async (batch) => {
      if ('templates' in batch) {
        const {templates} = batch;
        for (let index = 0; index < templates.count; index++) {
          const wait = chain!.add({templates, index});
          if (wait) await wait;
        }
        chain!.idle();
      } else {
        counts.count += batch.count;
        counts.fails += batch.fails;
        if (batch.records !== '') appendRecords(recordFile!, batch.records);
        for (const chunk of batch.output) output.write(chunk);
      }
      await output.backpressure(MAX_QUEUED_OUTPUT);
    },
    () => output.closed,
  );
  // Whatever was decided goes into the chain, even once no one reads stdout.
  await chain?.close();
  return counts;
}

/** The chain behind `--chain --threads N`: each committed batch is recorded, counted and printed once durable. */
function templateChainFor(options: EnforceRunOptions, output: OutputStream, counts: {count: number; fails: number}): CommandChain<TemplateRef, LinkedTemplate> {
  return new CommandChain<TemplateRef, LinkedTemplate>(options.chainFile!, {
    chainId: options.chainId,
    durability: options.durability ?? 'batch',
    linker: TEMPLATE_LINKER,
    reported: (batch) => {
      const records = new LineBytes();
      let ownLines = false;
      for (const linked of batch.artifacts) {
        counts.count++;
        if (!linkedPass(linked)) counts.fails++;
        writeRecordLine(records, linked);
        if (hasOwnOutput(linked)) ownLines = true;
      }
      if (records.length > 0) appendRecords(options.recordFile!, records.take());
      if (!ownLines) {
        output.write(batch.bytes);
        return;
      }
      // Printed lines that are not the chain lines (json.dumps's numbers, --pretty).
      const printed = new LineBytes();
      for (const linked of batch.artifacts) writePrintedLine(printed, linked);
      output.write(printed.take());
    },
    warn: commandNotes(options.stderr, 'enforce'),
    checkpointer: options.checkpointer,
  });
}

/** A chained artifact with its printed line, and whether that is not its chain line. */
interface PrintedArtifact {
  artifact: PyDict;
  line: string;
  own: boolean;
}

/** Marks an input that was not a readable value: it has no record. */
const UNREADABLE: unique symbol = Symbol('unreadable');

function invocationOf(item: JsonStreamItem): PyValue | typeof UNREADABLE {
  return item.kind === 'value' ? item.value : UNREADABLE;
}

/**
 * The chain behind `--chain`: each committed batch is settled (recorded and
 * printed) once durable, and printed at once, as a timed commit may come while
 * the input is quiet. An artifact with no canonical bytes is chained as its FAIL.
 */
function chainFor(
  options: EnforceRunOptions,
  decider: ItemDecider,
  settle: (artifacts: readonly PyDict[], invocations: Array<PyValue | typeof UNREADABLE>, lines: readonly string[]) => void,
  settleWritten: (artifacts: readonly PyDict[], bytes: Buffer, invocations: Array<PyValue | typeof UNREADABLE>) => void,
  print: () => void,
): {add(artifact: PyDict, invocation: PyValue | typeof UNREADABLE): Promise<void> | undefined; idle(): void; close(): Promise<void>} {
  // The invocations of queued artifacts, in order, for their records.
  const invocations: Array<PyValue | typeof UNREADABLE> = [];
  const unrecordable = (_artifact: PyDict, error: CanonicalJsonError) => decider.unrecordable(error).artifact;
  const chain = new CommandChain<PyDict, PrintedArtifact>(options.chainFile!, {
    chainId: options.chainId,
    durability: options.durability ?? 'batch',
    linker: {
      link(links, artifact, lines) {
        const linked = appendArtifact(links, artifact, unrecordable);
        const line = decider.line(linked);
        // The chain's line is json.dumps's; where native JSON writes other numbers, or with --pretty, the printed line is another text.
        const own = options.pretty === true || !nativeJsonIsPythons(linked);
        lines.text(own ? pyJsonDumps(linked, {separators: [',', ':']}) : line);
        lines.newline();
        return {artifact: linked, line, own};
      },
    },
    reported: (batch) => {
      const recorded = options.recordFile === undefined ? [] : invocations.splice(0, batch.artifacts.length);
      const artifacts = batch.artifacts.map((one) => one.artifact);
      if (batch.artifacts.some((one) => one.own)) settle(artifacts, recorded, batch.artifacts.map((one) => one.line));
      else settleWritten(artifacts, batch.bytes, recorded);
      print();
    },
    warn: commandNotes(options.stderr, 'enforce'),
    checkpointer: options.checkpointer,
  });
  return {
    add(artifact, invocation) {
      if (options.recordFile !== undefined) invocations.push(invocation);
      return chain.add(artifact);
    },
    idle: () => chain.idle(),
    close: () => chain.close(),
  };
}

function writeRecords(file: string, artifacts: readonly PyDict[], invocations: Array<PyValue | typeof UNREADABLE>): void {
  let text = '';
  artifacts.forEach((artifact, index) => {
    const invocation = invocations[index];
    if (invocation !== UNREADABLE) text += recordText(invocation, artifact);
  });
  if (text !== '') appendRecords(file, text);
}

function appendRecords(file: string, text: string | Uint8Array): void {
  try {
    appendFileSync(file, text);
  } catch (error) {
    throw ioError(`cannot write the record file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file, error);
  }
}

function openInput(path: string): Readable {
  return createReadStream(path, {highWaterMark: 1 << 16});
}

/** Output queued before the run waits for its reader. */
const MAX_QUEUED_OUTPUT = 4 * 1024 * 1024;
/** Artifact text written in one go at most (give or take one artifact). */
const PIECE_CHARS = 32 * 1024;
