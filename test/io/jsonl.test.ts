import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {canonicalJson} from '../../src/canonical/index.js';
import {type JsonlOptions, type JsonlRecord, JsonlSourceError, readJsonLines} from '../../src/io/jsonl.js';

async function collect(chunks: (string | Buffer)[], options: JsonlOptions = {}): Promise<JsonlRecord[]> {
  const stream = Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  const records: JsonlRecord[] = [];
  for await (const record of readJsonLines(stream, options)) records.push(record);
  return records;
}

const summary = (records: JsonlRecord[]) =>
  records.map((record) => (record.kind === 'value' ? `${record.line}@${record.offset}:${canonicalJson(record.value)}` : `${record.line}@${record.offset}!${record.reason}`));

describe('reading JSONL', () => {
  it('gives each value its line number and byte offset, skipping blank lines', async () => {
    expect(summary(await collect(['{"a":1}\n\n  \n[2]\n"é"\n']))).toEqual(['1@0:{"a":1}', '4@12:[2]', '5@16:"é"']);
  });

  it('accepts CRLF endings and a leading BOM, and keeps the text without its ending', async () => {
    const records = await collect([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), '{"a": 1.0}\r\n{"b":2}\r\n']);
    expect(records.map((record) => (record.kind === 'value' ? record.text : record.reason))).toEqual(['{"a": 1.0}', '{"b":2}']);
    expect(records.map((record) => record.offset)).toEqual([0, 15]);
  });

  it('reassembles lines split across chunks, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('{"name":"café ☃"}\n{"n":2}\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(summary(await collect([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual(['1@0:{"name":"café ☃"}', '2@21:{"n":2}']);
    }
  });

  it('keeps numbers and escapes as the reference reads them, so canonical bytes match', async () => {
    const line = '{"f": 1.0, "e": 1e-07, "big": 123456789012345678901234567890, "u": "\\u00e9\\ud83d\\ude00", "d": 1, "d": 2}';
    const [record] = await collect([`${line}\n`]);
    expect(record.kind === 'value' && canonicalJson(record.value)).toBe('{"big":123456789012345678901234567890,"d":2,"e":1e-07,"f":1,"u":"é😀"}');
    expect(record.kind === 'value' && record.text).toBe(line);
  });

  it('reports a malformed line with its column and goes on', async () => {
    const records = await collect(['{"a":1}\n{"a" 1}\n{"b":2}\n']);
    expect(summary(records)).toEqual(['1@0:{"a":1}', '2@8!json', '3@16:{"b":2}']);
    expect(records[1]).toMatchObject({column: 6, message: "line 2 is not valid JSON: Expecting ':' delimiter at column 6"});
  });

  it('reports invalid UTF-8 with its line number', async () => {
    const records = await collect([Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"b":2}\n')])]);
    expect(summary(records)).toEqual(['1@0:{"a":1}', '2@8!utf8', '3@19:{"b":2}']);
    expect(records[1]).toMatchObject({message: 'line 2 is not valid UTF-8'});
  });

  it('accepts a last line without a newline that parses, and calls one that does not truncated', async () => {
    expect(summary(await collect(['{"a":1}\n{"b":2}']))).toEqual(['1@0:{"a":1}', '2@8:{"b":2}']);
    expect(summary(await collect(['{"a":1}\n{"b":']))).toEqual(['1@0:{"a":1}', '2@8!truncated']);
    expect(summary(await collect([Buffer.from('{"a":"\xe2\x98', 'latin1')]))).toEqual(['1@0!truncated']);
    expect(summary(await collect([Buffer.from([0xff, 0x41, 0x42])]))).toEqual(['1@0!utf8']);
  });

  it('reports a line over the limit once and skips it without keeping it', async () => {
    const long = `{"x":"${'y'.repeat(100)}"}`;
    const records = await collect(['{"a":1}\n', long.slice(0, 30), long.slice(30), '\n{"b":2}\n'], {maxLineBytes: 64});
    expect(summary(records)).toEqual(['1@0:{"a":1}', '2@8!too-long', `3@${8 + long.length + 1}:{"b":2}`]);
    expect(summary(await collect([long], {maxLineBytes: 64}))).toEqual(['1@0!too-long']);
  });

  it('reads a file path in chunks smaller than a line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-jsonl-'));
    const file = join(dir, 'trail.jsonl');
    const lines = Array.from({length: 50}, (_, n) => JSON.stringify({n, pad: 'x'.repeat(n)}));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const records: JsonlRecord[] = [];
    for await (const record of readJsonLines(file, {chunkBytes: 7})) records.push(record);
    expect(records.map((record) => (record.kind === 'value' ? record.text : record.reason))).toEqual(lines);
  });

  it('reads `-` from the given stdin', async () => {
    const records: JsonlRecord[] = [];
    for await (const record of readJsonLines('-', {stdin: Readable.from([Buffer.from('{"a":1}\n')])})) records.push(record);
    expect(summary(records)).toEqual(['1@0:{"a":1}']);
  });

  it('throws a typed error for a missing file or a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-jsonl-'));
    const read = async (path: string) => {
      for await (const _ of readJsonLines(path)) void _;
    };
    await expect(read(join(dir, 'missing.jsonl'))).rejects.toMatchObject({name: 'JsonlSourceError', code: 'ENOENT'});
    await expect(read(dir)).rejects.toBeInstanceOf(JsonlSourceError);
    await expect(read(dir)).rejects.toMatchObject({code: 'EISDIR'});
  });
});
