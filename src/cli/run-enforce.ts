// The `aigc enforce` loop: JSON values in, one compact artifact per value
// out, in order, each written as soon as it is decided. Kept free of oclif,
// ink and chalk so the fast start-up path can import it directly.

import {createReadStream} from 'node:fs';
import {appendFile} from 'node:fs/promises';
import type {Readable, Writable} from 'node:stream';
import {pyJsonDumps} from '../canonical/dumps.js';
import type {ArtifactSigner} from '../audit/signing.js';
import {signArtifact} from '../audit/signing.js';
import {InvocationValidationError} from '../errors.js';
import {ChainFileWriter} from '../io/chain-file.js';
import {JsonValueReader, type JsonStreamItem} from '../io/json-values.js';
import {DEFAULT_REDACTION_PATTERNS, type RedactionPattern} from '../audit/redaction.js';
import type {EnforcementGate} from '../gates/custom.js';
import {PolicyCache} from '../policy/cache.js';
import {utcDay} from '../policy/dates.js';
import {decide, prePipelineFailArtifact} from '../pipeline/enforce.js';
import type {PyDict} from '../python/values.js';
import {ExitCode, ioError} from './exit-codes.js';

export interface EnforceRunOptions {
  input?: string;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  now?: number;
  signer: ArtifactSigner | null;
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
  const clock = options.now === undefined ? () => Math.floor(Date.now() / 1000) : () => Math.floor(options.now!);
  const cache = new PolicyCache();
  const chain = options.chainFile ? new ChainFileWriter(options.chainFile, options.chainId) : null;
  const reader = new JsonValueReader();
  const output = new OutputStream(options.stdout);
  let anyFail = false;
  let count = 0;
  // Artifacts decided from one input chunk go out in one write: each is
  // written as soon as its chunk is decided, without a syscall per line.
  let pending: string[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    await output.write(text);
  };

  const handle = async (item: JsonStreamItem): Promise<void> => {
    count++;
    const artifact = decideItem(item, options, clock, cache);
    if (artifact.enforcement_result !== 'PASS') anyFail = true;
    if (chain) await chain.append(artifact);
    const text = options.pretty ? pyJsonDumps(artifact, {indent: 2}) : pyJsonDumps(artifact, {separators: [',', ':']});
    if (options.recordFile && item.kind === 'value') {
      const record = pyJsonDumps({invocation: item.value, artifact}, {separators: [',', ':']});
      await appendFile(options.recordFile, `${record}\n`, 'utf8').catch((error) => {
        throw ioError(`cannot write the record file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, options.recordFile!, error);
      });
    }
    pending.push(`${text}\n`);
  };

  const source = options.input ? openInput(options.input) : options.stdin;
  try {
    for await (const chunk of source) {
      for (const item of reader.push(chunk as Buffer)) await handle(item);
      await flush();
      if (output.closed) break;
    }
    if (!output.closed) for (const item of reader.end()) await handle(item);
    await flush();
  } catch (error) {
    if (options.input && (error as NodeJS.ErrnoException).code) {
      throw ioError(`cannot read the input (${(error as NodeJS.ErrnoException).code})`, options.input, error);
    }
    throw error;
  }
  if (count === 0 && !output.closed) options.stderr.write('aigc enforce: no invocations in the input\n');
  return anyFail ? ExitCode.CheckFailed : ExitCode.Success;
}

function openInput(path: string): Readable {
  return createReadStream(path, {highWaterMark: 1 << 16});
}

function decideItem(
  item: JsonStreamItem,
  options: EnforceRunOptions,
  now: () => number,
  cache: PolicyCache,
): PyDict {
  if (item.kind === 'invalid') {
    const error = new InvocationValidationError(item.reason, {line: item.line});
    const artifact = prePipelineFailArtifact(null, error, {now, patterns: options.redactionPatterns ?? DEFAULT_REDACTION_PATTERNS}, 'unified');
    if (options.signer) signArtifact(artifact, options.signer);
    return artifact;
  }
  return decide(item.value, {
    now,
    today: () => utcDay(now()),
    cache,
    policyRoot: options.policyRoot,
    signer: options.signer,
    signPrePipeline: true,
    strictMode: options.strictMode,
    customGates: options.customGates,
    redactionPatterns: options.redactionPatterns,
  }).artifact;
}

/** Stdout with backpressure; a reader that went away (EPIPE) ends the run quietly. */
class OutputStream {
  closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.closed = true;
    });
  }

  async write(text: string): Promise<void> {
    if (this.closed) return;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('error', done);
        this.stream.once('close', done);
      });
    }
  }
}
