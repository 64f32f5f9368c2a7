import {describe, expect, it} from 'vitest';
import {type JsonStreamItem, JsonValueReader} from '../../src/io/json-values.js';

function read(...chunks: (string | Buffer)[]): JsonStreamItem[] {
  const reader = new JsonValueReader();
  const items: JsonStreamItem[] = [];
  for (const chunk of chunks) items.push(...reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  items.push(...reader.end());
  return items;
}

const kinds = (items: JsonStreamItem[]) => items.map((item) => (item.kind === 'value' ? JSON.stringify(item.value) : `invalid@${item.line}`));

describe('reading a stream of JSON values', () => {
  it('reads NDJSON, one value per line, skipping blank lines and CRLF endings', () => {
    expect(kinds(read('{"a":1}\r\n\n{"b":2}\n[3]\n'))).toEqual(['{"a":1}', '{"b":2}', '[3]']);
  });

  it('reads pretty-printed values one after another', () => {
    expect(kinds(read('{\n  "a": [\n    1\n  ]\n}\n{\n  "b": 2\n}\n'))).toEqual(['{"a":[1]}', '{"b":2}']);
  });

  it('reassembles values split across chunks, even inside a multi-byte character', () => {
    const bytes = Buffer.from('{"name":"café"}\n');
    expect(kinds(read(bytes.subarray(0, 12), bytes.subarray(12)))).toEqual(['{"name":"café"}']);
  });

  it('reports a truncated line and goes on with the next one', () => {
    const items = read('{"a": 1\n{"b": 2}\n');
    expect(kinds(items)).toEqual(['invalid@1', '{"b":2}']);
  });

  it('reports garbage with its line number and reason', () => {
    const items = read('{"a":1}\nnot json\n');
    expect(items[1]).toMatchObject({kind: 'invalid', line: 2});
    expect((items[1] as {reason: string}).reason).toMatch(/^Invocation is not valid JSON: Expecting value at line 2 column 1/);
  });

  it('reports invalid UTF-8 per line', () => {
    const items = read(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), '{"ok":true}\n');
    expect(kinds(items)).toEqual(['invalid@1', '{"ok":true}']);
    expect((items[0] as {reason: string}).reason).toBe('Invocation is not valid UTF-8');
  });

  it('accepts a leading byte order mark', () => {
    expect(kinds(read(Buffer.from([0xef, 0xbb, 0xbf]), '{"a":1}\n'))).toEqual(['{"a":1}']);
  });

  it('reads several values on one line', () => {
    expect(kinds(read('1 2 {"a":3}\n'))).toEqual(['1', '2', '{"a":3}']);
  });

  it('reports a value left open at the end of the input', () => {
    expect(kinds(read('{"a": [1, 2'))).toEqual(['invalid@1']);
  });

  it('gives nothing for an empty stream', () => {
    expect(read('')).toEqual([]);
    expect(read('\n\n  \n')).toEqual([]);
  });
});

describe('reading UTF-16 input', () => {
  const text = '{"a":"é"}\n{"b":"𝄞"}\n';
  const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();

  it('reads UTF-16 (with or without a byte order mark, either byte order) as the same values as UTF-8, one per value', () => {
    const expected = ['{"a":"é"}', '{"b":"𝄞"}'];
    expect(kinds(read(Buffer.from(`\ufeff${text}`, 'utf16le')))).toEqual(expected);
    expect(kinds(read(Buffer.from(text, 'utf16le')))).toEqual(expected);
    expect(kinds(read(utf16be(`\ufeff${text}`)))).toEqual(expected);
    expect(kinds(read(utf16be(text)))).toEqual(expected);
  });

  it('reassembles UTF-16 split anywhere, even inside a character or the byte order mark', () => {
    const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
    for (const cut of [1, 3, 5, 17]) expect(kinds(read(bytes.subarray(0, cut), bytes.subarray(cut)))).toEqual(['{"a":"é"}', '{"b":"𝄞"}']);
  });

  it('reports a line of UTF-16 input with a lone surrogate as invalid and goes on with the next', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n', 'utf16le'), Buffer.from([0x00, 0xd8, 0x0a, 0x00]), Buffer.from('{"b":2}\n', 'utf16le')]);
    expect(kinds(read(Buffer.concat([Buffer.from('[1]\n', 'utf16le'), Buffer.from([0x32])])))).toEqual(['[1]', 'invalid@2']);
    const items = read(bytes);
    expect(kinds(items)).toEqual(['{"a":1}', 'invalid@2', '{"b":2}']);
    expect(items[1]).toMatchObject({reason: 'Invocation is not valid UTF-16'});
  });

  it('still reads short UTF-8 streams and a UTF-8 byte order mark', () => {
    expect(kinds(read('1'))).toEqual(['1']);
    expect(kinds(read('\ufeff[]'))).toEqual(['[]']);
  });
});
