// Reading an audit trail line by line the way the reference's `compliance
// export` does, on top of the streaming JSONL reader. Python reads the file in
// text mode, which differs from plain JSONL in three places that change counts:
// - universal newlines: a lone CR ends a line too;
// - `str.strip()` trims Unicode whitespace (NBSP, U+2028, \x0b, \x1c…), not
//   only JSON's four whitespace characters;
// - a leading UTF-8 BOM stays in the first line, which then is not JSON.
// Lines the reader parsed or refused are re-split by those rules where they
// can differ; for files, a refused line is re-read by its offset (rare, cheap).
import {open} from 'node:fs/promises';
import type {Readable} from 'node:stream';
import {JsonSyntaxError, parseJson} from '../canonical/json.js';
import {type JsonlRecord, readJsonLines} from '../io/jsonl.js';

/** Python's `str.isspace()` characters: what `str.strip()` removes. */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const BOM = '\ufeff';
const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);
const REREAD_CHUNK = 64 * 1024;

export interface TrailOptions {
  /** What `-` reads; default `process.stdin`. */
  stdin?: Readable;
  maxLineBytes?: number;
}

/** The records of one trail (`-` for stdin) under the reference's line rules. */
export async function* readTrailLines(path: string, options: TrailOptions = {}): AsyncGenerator<JsonlRecord> {
  if (path === '-') {
    const head = {bom: false};
    const stdin = sniffBom(options.stdin ?? process.stdin, head);
    yield* referenceLines(readJsonLines(stdin, {maxLineBytes: options.maxLineBytes}), () => head.bom);
    return;
  }
  const bom = await fileStartsWithBom(path);
  const reread = new LineRereader(path, options.maxLineBytes);
  try {
    yield* referenceLines(readJsonLines(path, {maxLineBytes: options.maxLineBytes}), () => bom, reread);
  } finally {
    await reread.close();
  }
}

async function* referenceLines(records: AsyncIterable<JsonlRecord>, startsWithBom: () => boolean, reread?: LineRereader): AsyncGenerator<JsonlRecord> {
  let firstLineSeen = false;
  for await (const record of records) {
    // The reader skips a first line that is blank after its BOM; Python keeps the BOM, so that line is not JSON.
    if (!firstLineSeen && record.line > 1 && startsWithBom()) yield bomLine();
    firstLineSeen = true;
    if (record.kind === 'value') {
      const text = record.line === 1 && startsWithBom() ? BOM + record.text : record.text;
      if (text.includes('\r') || text.startsWith(BOM)) yield* pythonLines(text, record);
      else yield record;
      continue;
    }
    const text = (record.reason === 'json' || record.reason === 'truncated') && reread ? await reread.lineAt(record.offset) : null;
    if (text === null) yield record;
    else yield* pythonLines(text, record);
  }
  if (!firstLineSeen && startsWithBom()) yield bomLine();
}

/** The records Python makes of one line's text: split at CRs, each part stripped, blank parts skipped. */
function* pythonLines(text: string, at: {line: number; offset: number}): Generator<JsonlRecord> {
  for (const part of text.split('\r')) {
    const stripped = part.replace(PY_STRIP, '');
    if (stripped === '') continue;
    try {
      yield {kind: 'value', line: at.line, offset: at.offset, value: parseJson(stripped), text: stripped};
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      yield {kind: 'invalid', line: at.line, offset: at.offset, reason: 'json', column: error.column, message: `line ${at.line} is not valid JSON: ${error.reasonAtColumn}`};
    }
  }
}

function bomLine(): JsonlRecord {
  return {kind: 'invalid', line: 1, offset: 0, reason: 'json', message: 'line 1 is not valid JSON: it starts with a UTF-8 byte order mark'};
}

async function fileStartsWithBom(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(3);
      const {bytesRead} = await handle.read(head, 0, 3, 0);
      return bytesRead === 3 && head.equals(BOM_BYTES);
    } finally {
      await handle.close();
    }
  } catch {
    // The reader reports why the file cannot be read.
    return false;
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

/** Reads single lines of a file again by byte offset, for the rare lines the reader refused. */
class LineRereader {
  private handle: Awaited<ReturnType<typeof open>> | undefined;
  private readonly decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

  constructor(
    private readonly path: string,
    private readonly maxLineBytes = 64 * 1024 * 1024,
  ) {}

  /** The line starting at `offset`, without its `\n`; null when it cannot be read as UTF-8. */
  async lineAt(offset: number): Promise<string | null> {
    this.handle ??= await open(this.path, 'r');
    const parts: Buffer[] = [];
    let length = 0;
    let position = offset;
    for (;;) {
      const chunk = Buffer.alloc(REREAD_CHUNK);
      const {bytesRead} = await this.handle.read(chunk, 0, REREAD_CHUNK, position);
      if (bytesRead === 0) break;
      const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
      const end = newline === -1 ? bytesRead : newline;
      parts.push(chunk.subarray(0, end));
      length += end;
      if (newline !== -1 || length > this.maxLineBytes) break;
      position += bytesRead;
    }
    try {
      return this.decoder.decode(Buffer.concat(parts));
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}
