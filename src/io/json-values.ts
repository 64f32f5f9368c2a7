// Reads a stream of JSON values: NDJSON, or pretty-printed values one after
// another. Every value in the input comes out as exactly one item, in order:
// a parsed value, or the reason its text could not be read (a truncated or
// malformed line, invalid UTF-8), so the caller can answer each one.
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
      if (data.length < 3 && data[0] === 0xef) {
        this.keep(data);
        return items;
      }
      this.first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
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
      items.push(this.invalid('Invocation is not valid UTF-8', this.lineNumber, ''));
      return;
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.pending.length > 0 && startsTopLevelValue(text)) this.flush(items);
    if (this.pending.length === 0) {
      if (text.trim() === '') return;
      this.pendingLine = this.lineNumber;
    }
    this.pending.push(text);
    this.pendingBytes += bytes.length + 1;
    if (this.scanner.feed(text)) this.flush(items);
  }

  /** Parses the pending text, which is complete or will get no more lines. */
  private flush(items: JsonStreamItem[]): void {
    const text = this.pending.join('\n');
    const whole = parseNatively(text);
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

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
