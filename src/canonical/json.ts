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

import {defineKey, PyFloat, type PyDict, type PyValue} from '../python/values.js';

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
  const native = parseNatively(text);
  if (native !== undefined) return native;
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail('Extra data');
  return value;
}

/**
 * A fraction that may round to an integral double, which JavaScript would then
 * read as an int: with k digits before the point, only when the fraction
 * starts with 15 - k zeros or nines (closer to an integer than half an ulp can
 * be), or when there are 15 digits or more before it. Ordinary fractions
 * (`0.1111111111111111`) stay on the fast path. Looked for only where a
 * fraction starts with 0 or 9, or follows 15 digits (`NEAR_INTEGRAL_HINT`).
 */
const NEAR_INTEGRAL_FRACTION = new RegExp(
  [
    ...Array.from({length: 14}, (_, index) => `(?<![0-9.])\\d{${index + 1}}\\.(?:0{${14 - index}}|9{${14 - index}})`),
    '\\d{15,}\\.',
  ].join('|'),
);
const NEAR_INTEGRAL_HINT = /\d\.[09]|\d{15}\./;

/**
 * Text whose native parse could differ from Python's: an integral float
 * (`1.0`, `2e3`) or a near-integral fraction that JavaScript would read as an
 * int, an integer beyond 2^53, `-0`, an integer-like key, also written with
 * escapes (JavaScript objects do not keep their insertion order), or a literal
 * JSON.parse refuses. Matches inside strings only cost the fast path, never
 * correctness.
 */
const NOT_NATIVE = /\d\.0+(?![0-9])|\d[eE][-+]?\d|(?<![0-9.])\d{16,}(?![0-9.eE])|-0(?![0-9.])|"\d+"\s*:|\\u00?3\d|NaN|Infinity/;

function mayDifferNatively(text: string): boolean {
  return NOT_NATIVE.test(text) || (NEAR_INTEGRAL_HINT.test(text) && NEAR_INTEGRAL_FRACTION.test(text));
}

/**
 * The value by the engine's native JSON.parse when that is certain to equal
 * what the exact parser makes, else undefined (the caller parses exactly,
 * which also words any syntax error the Python way).
 */
export function parseNatively(text: string): PyValue | undefined {
  if (mayDifferNatively(text) || mayNestTooDeep(text)) return undefined;
  try {
    return JSON.parse(text) as PyValue;
  } catch {
    return undefined;
  }
}

/** Whether the text has enough brackets to exceed MAX_JSON_DEPTH (never for short texts). */
function mayNestTooDeep(text: string): boolean {
  if (text.length <= 2 * MAX_JSON_DEPTH) return false;
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b) && ++brackets > MAX_JSON_DEPTH) return true;
  }
  return false;
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
