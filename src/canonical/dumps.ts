// JSON text as Python's `json.dumps` writes it, for files the reference
// reads or writes: numbers in Python repr form (`1.0`, `1e-05`), exact big
// integers, optional key sorting by code point, indentation and `\uXXXX`
// escaping of non-ASCII text.

import {floatRepr} from '../python/repr.js';
import {compareCodePoints} from '../python/semantics.js';
import {isDict, isInt, PyFloat, type PyValue, withExactNativeJson} from '../python/values.js';

export interface DumpsOptions {
  /** Indentation width; `undefined` writes one line. */
  indent?: number;
  /** Sort object keys by code point (`sort_keys=True`). */
  sortKeys?: boolean;
  /** Escape non-ASCII as `\uXXXX` (`ensure_ascii=True`). */
  ensureAscii?: boolean;
  /** Item and key separators; default `[', ', ': ']`, or `[',', ': ']` with an indent, like Python. */
  separators?: [string, string];
}

/** Python `json.dumps(value, ...)`. */
export function pyJsonDumps(value: PyValue, options: DumpsOptions = {}): string {
  if (isCompact(options) && nativeJsonIsPythons(value)) return JSON.stringify(value);
  const indented = options.indent !== undefined;
  const [itemSeparator, keySeparator] = options.separators ?? (indented ? [',', ': '] : [', ', ': ']);
  return new Writer(
    itemSeparator,
    keySeparator,
    indented ? ' '.repeat(options.indent ?? 0) : null,
    Boolean(options.sortKeys),
    options.ensureAscii ? asciiString : JSON.stringify,
  ).write(value, 0);
}

/** One line, `,`/`:` separators, keys as they are, non-ASCII as it is: what native JSON writes. */
function isCompact(options: DumpsOptions): boolean {
  const separators = options.separators;
  return (
    options.indent === undefined && !options.sortKeys && !options.ensureAscii && separators !== undefined && separators[0] === ',' && separators[1] === ':'
  );
}

/**
 * Whether native `JSON.stringify` writes `value` exactly as compact
 * `json.dumps` does (then `compactJson` does too): only plain objects, arrays,
 * strings, booleans and null, and numbers both write the same way: integers
 * within 2^53 and other finite numbers from 1e-4 in magnitude (below 1e16,
 * both write the same shortest decimal digits). A `PyFloat` (`1.0`), `-0`
 * (Python's `-0.0`), a big integer or a date is written the Python way.
 */
export function nativeJsonIsPythons(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      if (Number.isInteger(value)) return Number.isSafeInteger(value) && !Object.is(value, -0);
      return Number.isFinite(value) && Math.abs(value) >= 1e-4;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!nativeJsonIsPythons(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) if (!nativeJsonIsPythons((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

class Writer {
  constructor(
    readonly itemSeparator: string,
    readonly keySeparator: string,
    readonly indentUnit: string | null,
    readonly sortKeys: boolean,
    readonly quote: (text: string) => string,
  ) {}

  write(node: PyValue, level: number): string {
    if (node === null) return 'null';
    if (node === true) return 'true';
    if (node === false) return 'false';
    if (typeof node === 'string') return this.quote(node);
    if (typeof node === 'number') return isInt(node) ? String(node) : numberText(node);
    if (typeof node === 'bigint') return node.toString();
    if (node instanceof PyFloat) return floatRepr(node.value);
    if (Array.isArray(node)) {
      if (node.length === 0) return '[]';
      const items: string[] = [];
      for (const item of node) items.push(this.write(item, level + 1));
      return this.enclose(items, '[', ']', level);
    }
    if (isDict(node)) {
      const keys = Object.keys(node);
      if (keys.length === 0) return '{}';
      if (this.sortKeys) keys.sort(compareCodePoints);
      const items: string[] = [];
      for (const key of keys) items.push(this.quote(key) + this.keySeparator + this.write(node[key], level + 1));
      return this.enclose(items, '{', '}', level);
    }
    throw new TypeError(`Object of type ${typeof node} is not JSON serializable`);
  }

  private enclose(items: string[], start: string, end: string, level: number): string {
    if (this.indentUnit === null) return start + items.join(this.itemSeparator) + end;
    const pad = '\n' + this.indentUnit.repeat(level + 1);
    return start + pad + items.join(this.itemSeparator + pad) + '\n' + this.indentUnit.repeat(level) + end;
  }
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return floatRepr(value);
}

/** Python's `ensure_ascii`: everything outside printable ASCII is escaped, DEL (0x7f) included. */
function asciiString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Compact one-line JSON for a stream of artifacts: the native serializer,
 * with integral floats written as integers (`1.0` as `1`, the same canonical
 * value, see `PyFloat.toJSON`); values it cannot write exactly (big
 * integers, integral floats from 2^53 on) fall back to `pyJsonDumps`.
 */
export function compactJson(value: PyValue): string {
  try {
    return withExactNativeJson(() => JSON.stringify(value));
  } catch {
    return pyJsonDumps(value, {separators: [',', ':']});
  }
}
