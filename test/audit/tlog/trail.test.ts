// The log of a trail file: which bytes are leaves, in one streaming pass,
// whatever the read boundaries.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {merkleRoot} from '../../../src/audit/tlog/merkle.js';
import {artifactLeaf, findTrailLeaf, readTrailTree, TRAIL_READ_BYTES} from '../../../src/audit/tlog/trail.js';

const folder = mkdtempSync(join(tmpdir(), 'aigc-trail-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));
let files = 0;

function trailFile(bytes: Buffer | string): string {
  const file = join(folder, `trail-${files++}.jsonl`);
  writeFileSync(file, bytes);
  return file;
}

/** The leaves of a trail by the definition, written out plainly: complete non-blank lines, without their endings. */
function expectedLeaves(bytes: Buffer): Buffer[] {
  const leaves: Buffer[] = [];
  for (let start = 0; ; ) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline < 0) return leaves;
    const end = newline > start && bytes[newline - 1] === 0x0d ? newline - 1 : newline;
    const line = bytes.subarray(start, end);
    if (![...line].every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)) leaves.push(line);
    start = newline + 1;
  }
}

describe('the leaves of a trail', () => {
  it('are its non-blank lines without their line endings, a BOM included, an unfinished last line left out', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"n": 1}\r\n\n   \n\t\r\n\r\n{"n": 2}\n{"n": "café"}\r\n{"n": 4, "cut": '),
    ]);
    const tree = await readTrailTree(trailFile(bytes));
    expect(tree.size).toBe(3);
    expect(tree.root).toEqual(merkleRoot([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"n": 1}')]), '{"n": 2}', '{"n": "café"}']));
    expect(tree.unfinishedBytes).toBe(Buffer.byteLength('{"n": 4, "cut": '));
  });

  it('are the same whatever the boundaries of the reads', async () => {
    const line = fc.oneof(
      fc.constantFrom('', ' ', '\t', '\r', ' \r'),
      fc.string({maxLength: 30}).map((text) => `{"text": ${JSON.stringify(text)}}`),
      fc.uint8Array({maxLength: 20}).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), {maxLength: 12}), fc.integer({min: 1, max: 17}), async (lines, cut) => {
        const bytes = Buffer.from(lines.map(([text, ending]) => text + ending).join(''), 'latin1');
        const chunks = Array.from({length: Math.ceil(bytes.length / cut)}, (_, i) => bytes.subarray(i * cut, (i + 1) * cut));
        const streamed = await readTrailTree(Readable.from(chunks));
        expect(streamed.root).toEqual(merkleRoot(expectedLeaves(bytes)));
        expect((await readTrailTree(trailFile(bytes))).root).toEqual(streamed.root);
      }),
      {numRuns: 200},
    );
  });

  it('include lines longer than a read, hashed without being held in memory', async () => {
    const long = `{"padding": "${'x'.repeat(TRAIL_READ_BYTES + 12345)}\r"}`;
    const bytes = Buffer.from(`{"n": 1}\n${long}\r\n{"n": 3}\n`);
    const tree = await readTrailTree(trailFile(bytes));
    expect(tree.size).toBe(3);
    expect(tree.root).toEqual(merkleRoot(['{"n": 1}', long, '{"n": 3}']));
  });

  it('give the root at each size asked for, and stop at a limit', async () => {
    const lines = Array.from({length: 20}, (_, i) => `{"n": ${i}}`);
    const file = trailFile(`${lines.join('\n')}\n`);
    const tree = await readTrailTree(file, {sizes: [0, 5, 20, 25], limit: 20});
    expect(tree.roots.get(5)).toEqual(merkleRoot(lines.slice(0, 5)));
    expect(tree.roots.get(0)).toEqual(merkleRoot([]));
    expect(tree.roots.get(20)).toEqual(merkleRoot(lines));
    expect(tree.roots.has(25)).toBe(false);
    expect((await readTrailTree(file, {limit: 7})).size).toBe(7);
  });

  it('can be searched, a line longer than a read included', async () => {
    const long = `{"checksum": "wanted", "padding": "${'y'.repeat(TRAIL_READ_BYTES)}"}`;
    const file = trailFile(`{"checksum": "other"}\n\n${long}\n{"checksum": "wanted"}\n`);
    const found = await findTrailLeaf(file, (line) => line.includes('"wanted"'), Buffer.from('wanted'));
    expect(found?.index).toBe(1);
    expect(found?.bytes.toString()).toBe(long);
    expect(await findTrailLeaf(file, () => false)).toBeNull();
  });
});

describe('an artifact cut out of a trail', () => {
  it('is its leaf without one final line ending', () => {
    expect(artifactLeaf('{"a": 1}\n').toString()).toBe('{"a": 1}');
    expect(artifactLeaf('{"a": 1}\r\n').toString()).toBe('{"a": 1}');
    expect(artifactLeaf('{"a": 1}').toString()).toBe('{"a": 1}');
  });

  it('cannot be several lines', () => {
    expect(() => artifactLeaf('{"a": 1}\n{"b": 2}\n')).toThrow(expect.objectContaining({code: 'root-mismatch'}));
  });
});
