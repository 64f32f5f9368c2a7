// Reading one policy file: bytes, UTF-8, YAML 1.1, mapping root. Failures are
// PolicyLoadErrors carrying the resolved path, as the reference's file loader
// reports them; unreadable and non-UTF-8 files are PolicyLoadErrors too
// (the reference raises raw OS/Unicode errors there and leaves no artifact).

import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {PolicyLoadError} from '../errors.js';
import {isDict, type PyDict} from '../python/values.js';
import {readYaml, type YamlDocument, YamlSyntaxError} from './yaml.js';

/** Policies are small; a larger file is refused rather than parsed for seconds. */
export const MAX_POLICY_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** Reads and decodes a policy file's text. */
export function readPolicyText(resolvedPath: string): string {
  const bytes = readLimited(resolvedPath);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new PolicyLoadError('Policy file is not valid UTF-8', {
      policy_file: resolvedPath,
      error: `invalid UTF-8 at byte ${firstInvalidUtf8Offset(bytes)}`,
    }, {reason: 'not-utf8'});
  }
}

/** The file's bytes, refusing a file over the limit before reading it (and one that grows past it while read). */
function readLimited(resolvedPath: string): Buffer {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(resolvedPath, 'r');
    const size = fstatSync(descriptor).size;
    if (size > MAX_POLICY_BYTES) throw tooLarge(resolvedPath, size);
    const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(descriptor, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_POLICY_BYTES) throw tooLarge(resolvedPath, length);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof PolicyLoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new PolicyLoadError('Policy file could not be read', {policy_file: resolvedPath, error: code}, {reason: 'file-unreadable'});
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function tooLarge(resolvedPath: string, size: number): PolicyLoadError {
  return new PolicyLoadError('Policy file is too large', {policy_file: resolvedPath, size, limit: MAX_POLICY_BYTES}, {reason: 'file-too-large'});
}

/** Parses policy text as YAML 1.1; the root must be a mapping. */
export function parsePolicyDocument(text: string, policyFile: string): {policy: PyDict; document: YamlDocument} {
  let document: YamlDocument;
  try {
    // Most policies are plain block YAML: the fast reader takes them, the full one the rest.
    document = readYaml(text, {simpleFirst: true});
  } catch (error) {
    // The reference reports PyYAML's `str(err)`, whose marks name the file.
    const text = error instanceof YamlSyntaxError ? error.pyYamlText(policyFile) : (error as Error).message;
    throw new PolicyLoadError('Policy YAML parsing failed', {policy_file: policyFile, error: text}, {reason: 'yaml-syntax'});
  }
  if (!isDict(document.value)) {
    throw new PolicyLoadError('Policy root must be a mapping object', {policy_file: policyFile}, {reason: 'root-not-mapping'});
  }
  return {policy: document.value, document};
}

/** Byte offset where the first invalid UTF-8 sequence starts (Python's "position"). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = validSequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

/** Length of the well-formed UTF-8 sequence at `index`, or 0 (RFC 3629 table 3-7). */
function validSequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  if (lead < 0x80) return 1;
  let low = 0x80;
  let high = 0xbf;
  let length: number;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let offset = 1; offset < length; offset++) {
    const byte = bytes[index + offset];
    if (byte === undefined || byte < (offset === 1 ? low : 0x80) || byte > (offset === 1 ? high : 0xbf)) return 0;
  }
  return length;
}
