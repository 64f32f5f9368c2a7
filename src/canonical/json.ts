// JSON reading with Python's `json.loads` semantics, into the value model.
//
// Hand-written on purpose: the lossless JSON libraries for JavaScript keep
// exact numbers but reject duplicate keys (Python keeps the last) and none
// tells an integral float (`1.0`) from an int, or accepts Python's
// `NaN`/`Infinity` literals and lone surrogate escapes. All of those change
// verdicts, messages or checksums, so the parser follows Python exactly:
// ints exact (bigint beyond 2^53), floats keep their float-ness, duplicate
// keys last-wins, `__proto__` kept as data, nesting bounded instead of
// overflowing the stack.

import {defineKey, isArrayIndexKey, PyFloat, type PyDict, type PyValue} from '../python/values.js';

/** Python's default recursion limit bounds json.loads nesting at about this depth. */
export const MAX_JSON_DEPTH = 1000;

export class JsonSyntaxError extends SyntaxError {
  override name = 'JsonSyntaxError';
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason}: line ${line} column ${column} (char ${position})`);
  }

  /** The reason with its column, for messages that give the line themselves ("Unterminated string starting at column 5"). */
  get reasonAtColumn(): string {
    return this.reason.endsWith(' at') ? `${this.reason} column ${this.column}` : `${this.reason} at column ${this.column}`;
  }
}

const INTEGER_LITERAL = /^-?\d+$/;

/** Converts a JSON number literal to the value Python's json.loads makes. */
export function numberFromLiteral(literal: string): number | bigint | PyFloat {
  if (INTEGER_LITERAL.test(literal)) {
    const asNumber = Number(literal);
    return Number.isSafeInteger(asNumber) ? asNumber || 0 : BigInt(literal);
  }
  const asFloat = Number(literal);
  return Number.isInteger(asFloat) || Object.is(asFloat, -0) ? new PyFloat(asFloat) : asFloat;
}

/** Parses one JSON document (surrounding whitespace allowed). Throws JsonSyntaxError. */
export function parseJson(text: string): PyValue {
  return parseNatively(text) ?? parseJsonExactly(text);
}

/** `parseJson` by the exact parser alone, for text `parseNatively` declined. */
export function parseJsonExactly(text: string): PyValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail('Extra data');
  return value;
}

/**
 * The value by the engine's native JSON.parse when that is certain to equal
 * what the exact parser makes, else undefined (the caller parses exactly,
 * which also words any syntax error the Python way).
 */
export function parseNatively(text: string): PyValue | undefined {
  if (!nativeReadIsExact(text)) return undefined;
  try {
    return JSON.parse(text) as PyValue;
  } catch {
    return undefined;
  }
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Whether JSON.parse reads `text` to the value the exact parser makes,
 * judged from the tokens outside strings (string contents, the bulk of an
 * artifact, are only skipped): every number must mean the same to both (not
 * an integral float such as `1.0`, `2e3` or `1.0000000000000001`, which
 * JavaScript reads as an int; not an integer beyond 2^53; not `-0`), no key
 * may be one a JavaScript object reorders (an array index such as `"2"`,
 * also when written with escapes), and nesting must stay within
 * MAX_JSON_DEPTH. Only right for text that is valid JSON: for any other,
 * JSON.parse throws and the exact parser is used anyway.
 */
export function nativeReadIsExact(text: string): boolean {
  const length = text.length;
  let depth = 0;
  // The first backslash at or after the scan position, or -1: looked for once per escape, not once per string.
  let backslash = text.indexOf('\\');
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let end = text.indexOf('"', start);
      if (end === -1) return false;
      if (backslash !== -1 && backslash < start) backslash = text.indexOf('\\', start);
      let escaped = false;
      while (backslash !== -1 && backslash < end) {
        escaped = true;
        // The escape covers the character after the backslash, a quote or a backslash included.
        if (end === backslash + 1) {
          end = text.indexOf('"', backslash + 2);
          if (end === -1) return false;
        }
        backslash = text.indexOf('\\', backslash + 2);
      }
      i = end + 1;
      if ((escaped || isDigit(text.charCodeAt(start))) && isKeyAt(text, i) && !keyKeepsItsPlace(text, start, end, escaped)) return false;
      continue;
    }
    if (c === MINUS || isDigit(c)) {
      i = numberEnd(text, i);
      if (i < 0) return false;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return false;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
    i++;
  }
  return true;
}

/** Whether the string that ended just before `at` is an object key (a colon follows). */
function isKeyAt(text: string, at: number): boolean {
  let i = at;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  return c === COLON;
}

/** Whether the key between the quotes at `start - 1` and `end` is one an object keeps in insertion order. */
function keyKeepsItsPlace(text: string, start: number, end: number, escaped: boolean): boolean {
  if (!escaped) return !isArrayIndexKey(text.slice(start, end));
  try {
    return !isArrayIndexKey(JSON.parse(text.slice(start - 1, end + 1)) as string);
  } catch {
    return false;
  }
}

/**
 * The end of the number token at `start`, or -1 when JSON.parse would read it
 * otherwise than the exact parser (`numberFromLiteral`). Integers of 15 digits
 * or fewer, and fractions of 15 significant digits or fewer with a non-zero
 * fraction digit, are certain without converting them.
 */
function numberEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  const integerStart = i;
  while (isDigit(text.charCodeAt(i))) i++;
  const integerDigits = i - integerStart;
  let fractionDigits = 0;
  let nonZeroFraction = false;
  let exponent = false;
  if (text.charCodeAt(i) === DOT) {
    const fractionStart = ++i;
    for (let c = text.charCodeAt(i); isDigit(c); c = text.charCodeAt(++i)) if (c !== 0x30) nonZeroFraction = true;
    fractionDigits = i - fractionStart;
  }
  let c = text.charCodeAt(i);
  if (c === 0x65 || c === 0x45) {
    exponent = true;
    c = text.charCodeAt(++i);
    if (c === 0x2b || c === MINUS) i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (fractionDigits === 0 && !exponent) {
    // `-0` is the int 0 to Python, -0.0 to JavaScript.
    if (integerDigits === 1 && i - start === 2 && text.charCodeAt(integerStart) === 0x30) return -1;
    return integerDigits < 16 || Number.isSafeInteger(Number(text.slice(start, i))) ? i : -1;
  }
  if (!exponent && nonZeroFraction && integerDigits + fractionDigits <= 15) return i;
  return Number.isInteger(Number(text.slice(start, i))) ? -1 : i;
}

/**
 * Parses the JSON value starting at `start` (after optional whitespace) and
 * returns it with the position just past it: for streams of concatenated or
 * pretty-printed documents.
 */
export function parseJsonPrefix(text: string, start = 0): {value: PyValue; end: number} {
  const parser = new Parser(text, start);
  parser.skipWhitespace();
  const value = parser.value(0);
  return {value, end: parser.pos};
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};

class Parser {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}

  fail(reason: string, at = this.pos): never {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new JsonSyntaxError(reason, at, line, column);
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      pos++;
    }
    this.pos = pos;
  }

  value(depth: number): PyValue {
    if (depth > MAX_JSON_DEPTH) this.fail('Maximum nesting depth exceeded');
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case 'N':
        return this.literal('NaN', Number.NaN);
      case 'I':
        return this.literal('Infinity', Number.POSITIVE_INFINITY);
      default:
        if (c === '-' && this.text.startsWith('-Infinity', this.pos)) {
          return this.literal('-Infinity', Number.NEGATIVE_INFINITY);
        }
        return this.number();
    }
  }

  literal<T extends PyValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('Expecting value');
    this.pos += word.length;
    return value;
  }

  number(): number | bigint | PyFloat {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('Expecting value');
    this.pos += match[0].length;
    return numberFromLiteral(match[0]);
  }

  string(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = '';
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length) this.fail('Unterminated string starting at', this.pos);
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('Invalid control character at', pos);
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunkStart, pos);
      const escaped = text[pos + 1];
      if (escaped === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', pos + 1);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 6;
      } else if (escaped !== undefined && Object.hasOwn(ESCAPES, escaped)) {
        out += ESCAPES[escaped];
        pos += 2;
      } else {
        this.fail('Invalid \\escape', pos);
      }
      chunkStart = pos;
    }
    out += text.slice(chunkStart, pos);
    this.pos = pos + 1;
    return out;
  }

  array(depth: number): PyValue[] {
    const items: PyValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c !== ',') this.fail("Expecting ',' delimiter");
      this.pos++;
    }
  }

  object(depth: number): PyDict {
    const dict: PyDict = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return dict;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("Expecting ':' delimiter");
      this.pos++;
      this.skipWhitespace();
      defineKey(dict, key, this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return dict;
      }
      if (c !== ',') this.fail("Expecting ',' delimiter");
      this.pos++;
    }
  }
}
