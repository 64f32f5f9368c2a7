// `enforce --threads N` cuts its input into batches each read by a reader of
// its own: whatever the input holds (NDJSON, pretty-printed values, blank and
// CRLF lines, a BOM, bad UTF-8, broken JSON, a value with no place to cut),
// the batches give exactly the items, line numbers and reasons one reader
// of the whole stream gives, in order, however the stream is chunked.
import {describe, expect, it} from 'vitest';
import {batchItems, type DecidedBatch, decideItems, type EnforceBatch, enforceBatches, StreamPieces} from '../../src/cli/enforce-batches.js';
import type {ItemDecider} from '../../src/cli/enforce-items.js';
import {type JsonStreamItem, JsonValueReader} from '../../src/io/json-values.js';
import {BatchBuffers} from '../../src/io/jsonl-batches.js';
import type {LineBatch} from '../../src/io/jsonl-batches.js';
import type {PyDict} from '../../src/python/values.js';

/** A decider whose "artifact" is the item itself, so the output shows what the reader gave. */
const echo: ItemDecider = {
  decide: (item: JsonStreamItem) => {
    const shown = item.kind === 'value' ? {kind: 'value', line: item.line, value: JSON.stringify(item.value, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value))} : item;
    return {artifact: {shown: JSON.stringify(shown), enforcement_result: item.kind === 'value' ? 'PASS' : 'FAIL'} as PyDict, pass: item.kind === 'value'};
  },
  line: (artifact) => artifact.shown as string,
  unrecordable: () => {
    throw new Error('not used');
  },
};

/** A decided batch's output as text. */
function textOf(batch: DecidedBatch): string {
  return Buffer.concat(batch.output).toString('utf8');
}

/** What one reader of the whole stream gives, fed `chunks` as they come. */
function oneReader(chunks: Buffer[]): string {
  const reader = new JsonValueReader();
  let text = '';
  for (const chunk of chunks) text += textOf(decideItems(reader.push(chunk), echo, false));
  return text + textOf(decideItems(reader.end(), echo, false));
}

/** What the batches give, each read on its own, the stream pieces by one reader. */
async function batched(chunks: Buffer[], batchBytes: number, maxBatchBytes?: number): Promise<{text: string; kinds: string[]}> {
  async function* source() {
    for (const chunk of chunks) yield chunk;
  }
  const pieces = new StreamPieces((items) => decideItems(items, echo, false));
  let text = '';
  const kinds: string[] = [];
  for await (const batch of enforceBatches(source(), new BatchBuffers(batchBytes), () => false, maxBatchBytes) as AsyncIterable<EnforceBatch>) {
    kinds.push(batch.kind);
    text += textOf(batch.kind === 'lines' ? decideItems(batchItems(batch as LineBatch), echo, false) : pieces.decide(batch));
  }
  return {text, kinds};
}

/** `text` cut into chunks of the given sizes, in turn. */
function chunked(text: string | Buffer, sizes: number[]): Buffer[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = sizes[n % sizes.length];
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const invocation = (n: number) => JSON.stringify({policy_file: 'policies/p.yaml', role: 'agent', input: {n, text: 'é'.repeat(n % 7)}, context: {}, output: {}});
const MIXED = [
  '\uFEFF' + invocation(0),
  invocation(1),
  '',
  `${invocation(2)}\r`,
  '{"broken": ',
  invocation(3),
  '{\n  "pretty": {"a": [1, 2.0, 1e400]},\n  "n": 12345678901234567890\n}',
  '   ',
  '[1, 2,',
  '  3]',
  '{"two": 1} {"values": 2}',
  '"a string"',
  '{"unterminated": "text',
  JSON.stringify({after: 'the unterminated line'}, null, 2),
  invocation(4),
].join('\n');

describe('enforce --threads batches', () => {
  it('give what one reader gives, for every chunking and batch size', async () => {
    const stream = Array.from({length: 12}, () => MIXED).join('\n') + '\n' + invocation(5);
    for (const sizes of [[1], [7, 3], [64], [1000], [1 << 20]]) {
      const chunks = chunked(stream, sizes);
      const expected = oneReader(chunks);
      expect(expected.split('\n').length).toBeGreaterThan(12 * 12);
      for (const batchBytes of [1, 50, 400, 4096]) {
        const {text, kinds} = await batched(chunks, batchBytes);
        expect(text).toBe(expected);
        expect(kinds.every((kind) => kind === 'lines')).toBe(true);
      }
    }
  });

  it('count lines across batches, so a broken value names its line in the whole input', async () => {
    const stream = `${invocation(1)}\n${invocation(2)}\n{"bad": }\n`;
    const {text, kinds} = await batched(chunked(stream, [10]), 1);
    expect(kinds).toEqual(['lines', 'lines', 'lines']);
    expect(text).toContain('"line":3');
    expect(text).toBe(oneReader([Buffer.from(stream)]));
  });

  it('cut invalid UTF-8 lines and a leading BOM as one reader reads them', async () => {
    const stream = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${invocation(1)}\n{"x": "`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${invocation(2)}\n`)]);
    for (const sizes of [[1], [2], [5, 1]]) {
      const chunks = chunked(stream, sizes);
      expect((await batched(chunks, 8)).text).toBe(oneReader(chunks));
    }
  });

  it('read the rest on one reader, chunk by chunk, once no place to cut comes within the bound', async () => {
    const huge = JSON.stringify({big: Array.from({length: 300}, (_, n) => ({n}))}, null, 2);
    const stream = `${invocation(1)}\n${invocation(2)}\n${huge}\n${invocation(3)}\n{"broken"\n${invocation(4)}\n`;
    for (const sizes of [[1], [13], [256]]) {
      const chunks = chunked(stream, sizes);
      const {text, kinds} = await batched(chunks, 100, 2000);
      expect(kinds[0]).toBe('lines');
      expect(kinds).toContain('stream');
      expect(kinds.slice(kinds.indexOf('stream')).every((kind) => kind === 'stream')).toBe(true);
      expect(text).toBe(oneReader(chunks));
    }
  });

  it('stop reading once the output is closed', async () => {
    let taken = 0;
    async function* source() {
      for (let n = 0; n < 100; n++) {
        taken++;
        yield Buffer.from(`${invocation(n)}\n`);
      }
    }
    let stop = false;
    const batches: string[] = [];
    for await (const batch of enforceBatches(source(), new BatchBuffers(1), () => stop)) {
      batches.push(batch.kind);
      if (batches.length === 3) stop = true;
    }
    expect(batches.length).toBe(3);
    expect(taken).toBeLessThan(10);
  });
});
