// `enforce --threads N` writes each batch's output as the chunks its worker
// filled: whatever the pieces of text (ASCII, characters of two to four bytes, lone
// surrogates, pieces far longer than a chunk), the chunks written in order are
// the bytes a stream writes for the same text, no chunk is longer than
// CHUNK_BYTES or ends inside a character, and each can be moved to another
// thread on its own.
import fc from 'fast-check';
import {MessageChannel, receiveMessageOnPort} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {CHUNK_BYTES, chunkBuffers, Utf8Chunks} from '../../src/io/utf8-chunks.js';

/** Short pieces of any code points, lone surrogates, and runs long enough to cross chunks. */
const piece = fc.oneof(
  fc.string({maxLength: 40, unit: 'binary'}),
  fc.integer({min: 0xd800, max: 0xdfff}).map((unit) => String.fromCharCode(unit)),
  fc.tuple(fc.constantFrom('a', 'é', '€', '😀', '\u{10ffff}'), fc.integer({min: 1, max: CHUNK_BYTES})).map(([char, times]) => char.repeat(times)),
);

/** Pieces appended in turn, each as it is or (`line`) with a newline after it. */
function appended(pieces: Array<string | {line: string}>): Buffer[] {
  const chunks = new Utf8Chunks();
  for (const piece of pieces) {
    if (typeof piece === 'string') chunks.append(piece);
    else chunks.appendLine(piece.line);
  }
  return chunks.take();
}

describe('Utf8Chunks', () => {
  it('gives the bytes a stream writes for the text, in chunks no longer than CHUNK_BYTES that each end on a whole character', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, piece.map((line) => ({line}))), {maxLength: 12}), (pieces) => {
        const chunks = appended(pieces);
        // Each piece as a stream writes it on its own (halves of a surrogate pair in two pieces are two lone surrogates).
        const written = pieces.map((one) => Buffer.from(typeof one === 'string' ? one : `${one.line}\n`, 'utf8'));
        expect(Buffer.concat(chunks).equals(Buffer.concat(written))).toBe(true);
        const fatal = new TextDecoder('utf-8', {fatal: true});
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
          expect(() => fatal.decode(chunk)).not.toThrow();
        }
      }),
      {numRuns: 200},
    );
  });

  it('fills a chunk before starting the next, so a large output takes few chunks', () => {
    const chunks = appended(Array.from({length: 1000}, () => ({line: 'x'.repeat(999)})));
    expect(Buffer.concat(chunks).length).toBe(1_000_000);
    expect(chunks.length).toBe(Math.ceil(1_000_000 / CHUNK_BYTES));
  });

  it('gives nothing for no text, and starts afresh after take', () => {
    const chunks = new Utf8Chunks();
    chunks.append('');
    expect(chunks.take()).toEqual([]);
    chunks.append('one');
    expect(Buffer.concat(chunks.take()).toString()).toBe('one');
    chunks.append('two');
    expect(Buffer.concat(chunks.take()).toString()).toBe('two');
  });

  it('gives each chunk an ArrayBuffer of its own, so the chunks move to another thread without a copy', () => {
    const chunks = appended(['é'.repeat(CHUNK_BYTES), 'tail']);
    expect(chunks.length).toBe(3);
    const expected = Buffer.concat(chunks);
    const {port1, port2} = new MessageChannel();
    try {
      port1.postMessage(chunks, chunkBuffers(chunks));
      // Moved: this side's views are empty now.
      for (const chunk of chunks) expect(chunk.byteLength).toBe(0);
      const received = receiveMessageOnPort(port2)!.message as Uint8Array[];
      expect(Buffer.concat(received).equals(expected)).toBe(true);
    } finally {
      port1.close();
    }
  });
});
