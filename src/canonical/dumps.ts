// JSON text as Python's `json.dumps` writes it, for files the reference
// reads or writes: numbers in Python repr form (`1.0`, `1e-05`), exact big
// integers, optional key sorting by code point, indentation and `\uXXXX`
// escaping of non-ASCII text.

import {floatRepr} from '../python/repr.js';
import {compareCodePoints} from '../python/semantics.js';
import {isDict, isInt, PyFloat, type PyValue} from '../python/values.js';

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
  const indented = options.indent !== undefined;
  const [itemSeparator, keySeparator] = options.separators ?? (indented ? [',', ': '] : [', ', ': ']);
  const quote = options.ensureAscii ? asciiString : JSON.stringify;
  const write = (node: PyValue, level: number): string => {
    if (node === null) return 'null';
    if (node === true) return 'true';
    if (node === false) return 'false';
    if (typeof node === 'string') return quote(node);
    if (typeof node === 'bigint') return node.toString();
    if (node instanceof PyFloat) return floatRepr(node.value);
    if (typeof node === 'number') return isInt(node) ? String(node) : numberText(node);
    const open = (items: string[], start: string, end: string): string => {
      if (items.length === 0) return start + end;
      if (!indented) return start + items.join(itemSeparator) + end;
      const pad = '\n' + ' '.repeat(options.indent! * (level + 1));
      return start + pad + items.join(itemSeparator + pad) + '\n' + ' '.repeat(options.indent! * level) + end;
    };
    if (Array.isArray(node)) return open(node.map((item) => write(item, level + 1)), '[', ']');
    if (isDict(node)) {
      const keys = Object.keys(node);
      if (options.sortKeys) keys.sort(compareCodePoints);
      return open(
        keys.map((key) => quote(key) + keySeparator + write(node[key], level + 1)),
        '{',
        '}',
      );
    }
    throw new TypeError(`Object of type ${typeof node} is not JSON serializable`);
  };
  return write(value, 0);
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return floatRepr(value);
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
