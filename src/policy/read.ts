// Reading one policy file: bytes, UTF-8, YAML 1.1, mapping root. Failures are
// PolicyLoadErrors carrying the resolved path, as the reference's file loader
// reports them; unreadable and non-UTF-8 files are PolicyLoadErrors too
// (the reference raises raw OS/Unicode errors there and leaves no artifact).

import {readFileSync} from 'node:fs';
import {PolicyLoadError} from '../errors.js';
import {isDict, type PyDict} from '../python/values.js';
import {readYaml, type YamlDocument} from './yaml.js';

/** Policies are small; a larger file is refused rather than parsed for seconds. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** Reads and decodes a policy file's text. */
export function readPolicyText(resolvedPath: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolvedPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new PolicyLoadError('Policy file could not be read', {policy_file: resolvedPath, error: code});
  }
  if (bytes.length > MAX_POLICY_BYTES) {
    throw new PolicyLoadError('Policy file is too large', {
      policy_file: resolvedPath,
      size: bytes.length,
      limit: MAX_POLICY_BYTES,
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new PolicyLoadError('Policy file is not valid UTF-8', {
      policy_file: resolvedPath,
      error: `invalid UTF-8 at byte ${firstInvalidUtf8Offset(bytes)}`,
    });
  }
}

/** Parses policy text as YAML 1.1; the root must be a mapping. */
export function parsePolicyDocument(text: string, policyFile: string): {policy: PyDict; document: YamlDocument} {
  let document: YamlDocument;
  try {
    document = readYaml(text);
  } catch (error) {
    throw new PolicyLoadError('Policy YAML parsing failed', {policy_file: policyFile, error: (error as Error).message});
  }
  if (!isDict(document.value)) {
    throw new PolicyLoadError('Policy root must be a mapping object', {policy_file: policyFile});
  }
  return {policy: document.value, document};
}

/** Byte offset of the first invalid UTF-8 sequence (for the error message). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    try {
      new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, middle + 1), {stream: true});
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}
