// Reads a stream of JSON values: NDJSON, or pretty-printed values one after
// another. Every value in the input comes out as exactly one item, in order:
// a parsed value, or the reason its text could not be read (a truncated or
// malformed line, invalid UTF-8), so the caller can answer each one.
// UTF-8 is the encoding (a BOM is skipped); UTF-16 input, known by its BOM
// or by the zero bytes of its first character as Python's json does, is
// decoded to the same values rather than read as bytes.
//
// Use it for command input, which may be NDJSON or pretty-printed, pushed
// chunk by chunk (enforce, chain append); for a trail (one artifact a line,
// with line offsets and a line-length limit) use jsonl.ts.

import {type JsonSyntaxError, parseJsonPrefix, parseNatively} from '../canonical/json.js';
import type {PyValue} from '../python/values.js';

export type JsonStreamItem =
  | {kind: 'value'; value: PyValue; line: number}
  | {kind: 'invalid'; reason: string; line: number; text: string};

/** A value whose text grows beyond this without ending is reported and skipped. */
export const MAX_VALUE_BYTES = 256 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', {fatal: true});

/** Tracks nesting across lines to find where a pretty-printed value ends. */
class ValueScanner {
  depth = 0;
  inString = false;
  escaped = false;
  sawContent = false;

  reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.sawContent = false;
  }

  /** Feeds one line (without its newline); true when the pending text can be parsed now. */
  feed(line: string): boolean {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) this.depth--;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) this.sawContent = true;
    }
    // A raw newline inside a string is invalid JSON: the line is complete (and will fail).
    return this.inString || this.depth <= 0;
  }
}

/** Starts a new top-level value rather than continuing a pretty-printed one. */
function startsTopLevelValue(line: string): boolean {
  return line.startsWith('{') || line.startsWith('[');
}

/**
 * Splits a byte stream into JSON values. Feed chunks with `push`, then call
 * `end`; both return the items completed so far.
 */
export class JsonValueReader {
  /** Bytes of the unfinished last line, kept as received so a long line is copied once, not once per chunk. */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private lineNumber: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private pendingLine = 0;
  private readonly scanner = new ValueScanner();
  private first = true;
  /** Set when the input is UTF-16: chunks are decoded and go on as UTF-8. */
  private utf16?: Utf16State;

  /** `linesBefore`: lines of the stream before what is pushed (a part of a stream read on its own starts there). */
  constructor(linesBefore = 0) {
    this.lineNumber = linesBefore;
  }

  push(chunk: Buffer): JsonStreamItem[] {
    const items: JsonStreamItem[] = [];
    let data = chunk;
    if (this.first) {
      data = this.takeCarry(chunk);
      if (data.length === 0) return items;
      // The encoding is known from the first four bytes (end() decides for a shorter stream).
      if (data.length < 4) {
        this.keep(data);
        return items;
      }
      this.first = false;
      const encoding = utf16Encoding(data);
      if (encoding) this.utf16 = {littleEndian: encoding === 'utf-16le', first: true};
      else if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    if (this.utf16) {
      data = transcoded(this.utf16, data, false);
      if (data.length === 0) return items;
    }
    let start = 0;
    for (let newline = data.indexOf(0x0a, start); newline !== -1; newline = data.indexOf(0x0a, start)) {
      this.line(this.takeCarry(data.subarray(start, newline)), items);
      start = newline + 1;
    }
    if (start < data.length) this.keep(data.subarray(start));
    if (this.carryBytes + this.pendingBytes > MAX_VALUE_BYTES) {
      items.push(this.invalid('Invocation text exceeds the size limit', this.pendingLine || this.lineNumber + 1, ''));
      this.carry = [];
      this.carryBytes = 0;
      this.clearPending();
    }
    return items;
  }

  end(): JsonStreamItem[] {
    const items: JsonStreamItem[] = [];
    if (this.first && this.carryBytes > 0) {
      // A stream shorter than the few bytes its encoding is known by.
      this.first = false;
      const data = this.takeCarry(Buffer.alloc(0));
      const encoding = utf16Encoding(data);
      if (encoding) this.utf16 = {littleEndian: encoding === 'utf-16le', first: true};
      const text = this.utf16 ? transcoded(this.utf16, data, false) : data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
      if (text.length > 0) this.keep(text);
    }
    if (this.utf16) {
      const rest = transcoded(this.utf16, Buffer.alloc(0), true);
      if (rest.length > 0) this.keep(rest);
    }
    if (this.carryBytes > 0) this.line(this.takeCarry(Buffer.alloc(0)), items);
    if (this.pending.length > 0) this.flush(items);
    return items;
  }

  /** Keeps the start of an unfinished line (copied: the caller may reuse its buffer). */
  private keep(bytes: Buffer): void {
    this.carry.push(Buffer.from(bytes));
    this.carryBytes += bytes.length;
  }

  /** The kept bytes followed by `rest`, emptying the carry. */
  private takeCarry(rest: Buffer): Buffer {
    if (this.carry.length === 0) return rest;
    const whole = Buffer.concat([...this.carry, rest]);
    this.carry = [];
    this.carryBytes = 0;
    return whole;
  }

  private line(bytes: Buffer, items: JsonStreamItem[]): void {
    this.lineNumber++;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      if (this.pending.length > 0) this.flush(items);
      items.push(this.invalid(`Invocation is not valid ${this.utf16 ? 'UTF-16' : 'UTF-8'}`, this.lineNumber, ''));
      return;
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.pending.length > 0 && startsTopLevelValue(text)) this.flush(items);
    let triedNatively = false;
    if (this.pending.length === 0) {
      if (text.trim() === '') return;
      // A value on one line (NDJSON) is read as it is: a text JSON.parse reads whole has balanced
      // brackets, so the scanner would end the value here too (and flush would read the same).
      const whole = parseNatively(text);
      if (whole !== undefined) {
        items.push({kind: 'value', value: whole, line: this.lineNumber});
        return;
      }
      triedNatively = true;
      this.pendingLine = this.lineNumber;
    }
    this.pending.push(text);
    this.pendingBytes += bytes.length + 1;
    if (this.scanner.feed(text)) this.flush(items, triedNatively);
  }

  /** Parses the pending text, which is complete or will get no more lines (`triedNatively`: it is one line JSON.parse did not read). */
  private flush(items: JsonStreamItem[], triedNatively = false): void {
    const text = this.pending.join('\n');
    const whole = triedNatively ? undefined : parseNatively(text);
    if (whole !== undefined) {
      items.push({kind: 'value', value: whole, line: this.pendingLine});
      this.clearPending();
      return;
    }
    const line = this.pendingLine;
    let position = 0;
    for (;;) {
      while (position < text.length && /\s/.test(text[position])) position++;
      if (position >= text.length) break;
      try {
        const {value, end} = parseJsonPrefix(text, position);
        items.push({kind: 'value', value, line: line + countNewlines(text, 0, position)});
        position = end;
      } catch (error) {
        const syntax = error as JsonSyntaxError;
        const reason = `Invocation is not valid JSON: ${syntax.reason ?? syntax.message} at line ${line + syntax.line - 1} column ${syntax.column}`;
        items.push(this.invalid(reason, line + countNewlines(text, 0, position), text.slice(position)));
        break;
      }
    }
    this.clearPending();
  }

  private clearPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingLine = 0;
    this.scanner.reset();
  }

  private invalid(reason: string, line: number, text: string): JsonStreamItem {
    return {kind: 'invalid', reason, line, text: text.length > 200 ? `${text.slice(0, 200)}…` : text};
  }
}

/** Where decoding UTF-16 input is between chunks. */
interface Utf16State {
  littleEndian: boolean;
  /** Nothing decoded yet: a byte order mark is still to be dropped. */
  first: boolean;
  /** The odd byte at the end of the last chunk. */
  odd?: number;
  /** A high surrogate at the end of the last chunk, waiting for its pair. */
  high?: string;
}

/** Lone surrogates: text that is not UTF-16. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A byte that never occurs in UTF-8: a lone surrogate becomes it, so its line is refused like invalid UTF-8. */
const NOT_UTF8 = Buffer.from([0xff]);

/** UTF-16 bytes as UTF-8, carrying a split code unit or pair to the next chunk; `last` ends the input. */
function transcoded(state: Utf16State, bytes: Buffer, last: boolean): Buffer {
  let data = state.odd === undefined ? bytes : Buffer.concat([Buffer.from([state.odd]), bytes]);
  state.odd = undefined;
  const halfUnit = data.length % 2 === 1;
  if (halfUnit) {
    if (!last) state.odd = data[data.length - 1];
    data = data.subarray(0, -1);
  }
  let text = (state.high ?? '') + (state.littleEndian ? data : Buffer.from(data).swap16()).toString('utf16le');
  state.high = undefined;
  if (state.first && text.length > 0) {
    state.first = false;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  const end = text.charCodeAt(text.length - 1);
  if (!last && end >= 0xd800 && end <= 0xdbff) {
    state.high = text.slice(-1);
    text = text.slice(0, -1);
  }
  const parts = text.split(LONE_SURROGATE);
  const encoded = parts.length === 1 ? Buffer.from(text, 'utf8') : Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [Buffer.from(part, 'utf8')] : [NOT_UTF8, Buffer.from(part, 'utf8')])));
  // An odd byte at the very end is half a code unit: not UTF-16 either.
  return last && halfUnit ? Buffer.concat([encoded, NOT_UTF8]) : encoded;
}

/**
 * UTF-16 by its byte order mark, or by where the zero bytes of a first ASCII
 * character fall (JSON text starts with one), as Python's json.detect_encoding.
 */
function utf16Encoding(data: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  if (data.length >= 2 && data[0] !== 0 && data[1] === 0 && !(data.length >= 4 && data[2] === 0 && data[3] === 0)) return 'utf-16le';
  if (data.length >= 2 && data[0] === 0 && data[1] !== 0) return 'utf-16be';
  return undefined;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
