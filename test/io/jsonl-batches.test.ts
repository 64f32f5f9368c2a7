// Batches of whole lines give exactly the records the streaming reader gives,
// wherever the batches are cut.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/json.js';
import {BatchBuffers, batchRecords, readLineBatches} from '../../src/io/jsonl-batches.js';
import {type JsonlRecord, JsonlSourceError, readJsonLines} from '../../src/io/jsonl.js';

function tempFile(contents: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aigc-batches-')), 'trail.jsonl');
  writeFileSync(file, contents);
  return file;
}

async function streamed(file: string, maxLineBytes: number): Promise<JsonlRecord[]> {
  const records: JsonlRecord[] = [];
  for await (const record of readJsonLines(file, {maxLineBytes, parse: parseJson})) records.push(record);
  return records;
}

async function batched(file: string, maxLineBytes: number, batchBytes: number): Promise<JsonlRecord[]> {
  const records: JsonlRecord[] = [];
  for await (const batch of readLineBatches(file, {maxLineBytes, buffers: new BatchBuffers(batchBytes)})) {
    if (batch.kind === 'too-long') records.push(batch.record);
    else records.push(...batchRecords(batch, parseJson, maxLineBytes));
  }
  return records;
}

describe('reading a file in batches of lines', () => {
  const lines = [
    '{"name": "café ☃", "n": 1.0}',
    '',
    '  ',
    `{"long": "${'y'.repeat(90)}"}`,
    '{"crlf": true}\r',
    'not json',
    `{"longer": "${'z'.repeat(300)}"}`,
    '[1, 2]',
  ];
  const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\n')), Buffer.from([0x0a, 0x7b, 0xff, 0x7d, 0x0a]), Buffer.from('{"cut": ')]);
  const file = tempFile(text);

  it('gives the records of the streaming reader, lines, offsets and problems alike, at any batch size', async () => {
    for (const maxLineBytes of [64, 100, 1 << 20]) {
      const expected = await streamed(file, maxLineBytes);
      expect(expected.map((record) => record.kind === 'invalid' && record.reason)).toContain(maxLineBytes === 64 ? 'too-long' : 'json');
      for (const batchBytes of [1, 2, 3, 7, 16, 50, 64, 100, 333, 4096]) {
        expect([maxLineBytes, batchBytes, await batched(file, maxLineBytes, batchBytes)]).toEqual([maxLineBytes, batchBytes, expected]);
      }
    }
  });

  it('counts the lines of each batch, so the next starts at the right line', async () => {
    const positions: [number, number][] = [];
    for await (const batch of readLineBatches(file, {buffers: new BatchBuffers(40)})) if (batch.kind === 'lines') positions.push([batch.linesBefore, batch.offset]);
    expect(positions[0]).toEqual([0, 0]);
    for (const [linesBefore, offset] of positions) expect(text.subarray(0, offset).filter((byte) => byte === 0x0a).length).toBe(linesBefore);
  });

  it('reports a file that cannot be read', async () => {
    const batches = readLineBatches(join(tmpdir(), 'aigc-no-such-file.jsonl'));
    await expect(batches.next()).rejects.toBeInstanceOf(JsonlSourceError);
  });
});
