// Reading an audit trail line by line the way the reference's `compliance
// export` does, on top of the JSONL readers. Python reads the file in text
// mode, which differs from plain JSONL in three places that change counts:
// - universal newlines: a lone CR ends a line too;
// - `str.strip()` trims Unicode whitespace (NBSP, U+2028, \x0b, \x1c…), not
//   only JSON's four whitespace characters;
// - a leading UTF-8 BOM stays in the first line, which then is not JSON.
// Lines the reader parsed or refused are re-split by those rules where they
// can differ; a refused line of a file is read again from its batch's bytes.
import type {Readable} from 'node:stream';
import {JsonSyntaxError} from '../canonical/json.js';
import {batchRecords, type LineBatch} from '../io/jsonl-batches.js';
import {type JsonlInvalidRecord, type JsonlRecord, readJsonLines} from '../io/jsonl.js';
import type {PyValue} from '../python/values.js';

/** Python's `str.isspace()` characters: what `str.strip()` removes. */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const BOM = '\ufeff';
const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);

/** Parses one line's text; throws `JsonSyntaxError` for text that is not JSON. */
export type LineParser = (text: string) => PyValue;

/**
 * The record Python makes of a first line that starts with a BOM: not JSON.
 * The JSONL reader skips that line when it is blank after the BOM, so the
 * record is given here, before the first record the reader gives (or at the
 * end, when it gives none).
 */
export class LeadingBomLine {
  private seen = false;

  /** `startsWithBom`: asked only once the first bytes are known. */
  constructor(private readonly startsWithBom: () => boolean) {}

  /** The BOM line's record to give before a record of line `line`, if any. */
  before(line: number): JsonlInvalidRecord | null {
    if (this.seen) return null;
    this.seen = true;
    return line > 1 && this.startsWithBom() ? bomLine() : null;
  }

  /** The BOM line's record when no record came at all. */
  atEnd(): JsonlInvalidRecord | null {
    if (this.seen) return null;
    this.seen = true;
    return this.startsWithBom() ? bomLine() : null;
  }
}

/** The records of a trail read from a stream (stdin), under the reference's line rules, the BOM line included. */
export async function* readTrailStream(stream: Readable, parse: LineParser, maxLineBytes?: number): AsyncGenerator<JsonlRecord> {
  const head = {bom: false};
  const leading = new LeadingBomLine(() => head.bom);
  for await (const record of readJsonLines(sniffBom(stream, head), {maxLineBytes, parse})) {
    const bomRecord = leading.before(record.line);
    if (bomRecord !== null) yield bomRecord;
    yield* referenceRecords(record, head.bom, parse, null);
  }
  const bomRecord = leading.atEnd();
  if (bomRecord !== null) yield bomRecord;
}

/** Whether a batch is the start of a file that begins with a BOM. */
export function batchStartsWithBom(batch: LineBatch): boolean {
  const bytes = batch.bytes;
  return batch.offset === 0 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The records of a batch's lines under the reference's line rules, but for
 * the BOM line's record (`LeadingBomLine`, which depends on the lines before
 * the batch).
 */
export function* batchTrailRecords(batch: LineBatch, parse: LineParser, maxLineBytes?: number): Generator<JsonlRecord> {
  const bom = batchStartsWithBom(batch);
  const reread = (record: JsonlInvalidRecord) => lineOfBatch(batch, record.offset);
  for (const record of batchRecords(batch, parse, maxLineBytes)) yield* referenceRecords(record, bom, parse, reread);
}

/** A record as Python sees its line: re-split where CRs, a BOM or Unicode spaces may make it differ. */
function* referenceRecords(
  record: JsonlRecord,
  bom: boolean,
  parse: LineParser,
  reread: ((record: JsonlInvalidRecord) => string | null) | null,
): Generator<JsonlRecord> {
  if (record.kind === 'value') {
    const text = record.line === 1 && bom ? BOM + record.text : record.text;
    if (text.includes('\r') || text.startsWith(BOM)) yield* pythonLines(text, record, parse);
    else yield record;
    return;
  }
  const text = (record.reason === 'json' || record.reason === 'truncated') && reread !== null ? reread(record) : null;
  if (text === null) yield record;
  else yield* pythonLines(text, record, parse);
}

/** The records Python makes of one line's text: split at CRs, each part stripped, blank parts skipped. */
function* pythonLines(text: string, at: {line: number; offset: number}, parse: LineParser): Generator<JsonlRecord> {
  for (const part of text.split('\r')) {
    const stripped = part.replace(PY_STRIP, '');
    if (stripped === '') continue;
    try {
      yield {kind: 'value', line: at.line, offset: at.offset, value: parse(stripped), text: stripped};
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      yield {kind: 'invalid', line: at.line, offset: at.offset, reason: 'json', column: error.column, message: `line ${at.line} is not valid JSON: ${error.reasonAtColumn}`};
    }
  }
}

function bomLine(): JsonlInvalidRecord {
  return {kind: 'invalid', line: 1, offset: 0, reason: 'json', message: 'line 1 is not valid JSON: it starts with a UTF-8 byte order mark'};
}

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** The line of the batch starting at file offset `offset`, without its `\n`; null when it is not UTF-8. */
function lineOfBatch(batch: LineBatch, offset: number): string | null {
  const start = offset - batch.offset;
  const newline = batch.bytes.indexOf(0x0a, start);
  try {
    return utf8.decode(batch.bytes.subarray(start, newline === -1 ? batch.bytes.length : newline));
  } catch {
    return null;
  }
}

/** Passes a stream's bytes through, noting whether they start with a BOM. */
async function* sniffBom(stream: AsyncIterable<Uint8Array | string>, head: {bom: boolean}): AsyncGenerator<Buffer> {
  let start: Buffer | null = Buffer.alloc(0);
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    if (start === null) {
      yield bytes;
      continue;
    }
    start = Buffer.concat([start, bytes]);
    if (start.length < 3) continue;
    head.bom = start.subarray(0, 3).equals(BOM_BYTES);
    yield start;
    start = null;
  }
  if (start !== null && start.length > 0) yield start;
}
