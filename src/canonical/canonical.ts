// The reference's canonical JSON (`canonical_json_bytes`): keys sorted by code
// point, `,`/`:` separators, raw UTF-8, integral floats written as integers,
// other floats in Python repr form, non-finite numbers and lone surrogates
// rejected. Checksums, chain links, lineage keys and HMAC payloads hash it.

import {hash} from 'node:crypto';
import {floatRepr} from '../python/repr.js';
import {compareCodePoints} from '../python/semantics.js';
import {isDict, PyDate, PyDateTime, PyFloat, type PyValue} from '../python/values.js';
import {plainCanonicalJson} from './plain.js';

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/**
 * Canonical text of a value of the model (also accepts plain JSON values):
 * by the native writer where that is exact (plain.ts), else written here.
 */
export function canonicalJson(value: PyValue | unknown): string {
  return plainCanonicalJson(value) ?? write(value as PyValue);
}

/** `canonicalJson` by this module's writer alone, never the native one (the arbiter the fast path is tested against). */
export function writerCanonicalJson(value: PyValue | unknown): string {
  return write(value as PyValue);
}

/** SHA-256 hex of the canonical UTF-8 bytes. */
export function checksum(value: PyValue | unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** SHA-256 hex of a string's UTF-8 bytes, one-shot (half the cost of a Hash object for the short texts hashed per invocation). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

function write(value: PyValue): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return writeString(value);
  if (typeof value === 'number') return writeNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return writeNumber(value.value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (isDict(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((key) => `${writeString(key)}:${write(value[key])}`).join(',')}}`;
  }
  if (value instanceof PyDate || value instanceof PyDateTime) {
    throw new CanonicalJsonError('Object of type date is not JSON serializable');
  }
  throw new CanonicalJsonError(`Object of type ${typeof value} is not JSON serializable`);
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError('Out of range float values are not JSON compliant');
  if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value || 0) : BigInt(value).toString();
  return floatRepr(value);
}

function writeString(text: string): string {
  if (!text.isWellFormed()) throw new CanonicalJsonError('surrogates not allowed');
  return JSON.stringify(text);
}
