// Reading one policy file, the one way lint, validate and enforcement read
// it: a regular file of at most 1 MiB, UTF-8 (a byte order mark kept, as the
// reference reads it: PyYAML skips one at the very start), YAML 1.1, a mapping
// at the root. Failures are typed problems; each caller words them its own
// way (lint's findings, validate's reference wording, the loader's
// PolicyLoadErrors, which carry the resolved path as the reference's file
// loader reports them; it raises raw OS and Unicode errors where a file
// cannot be read or decoded, and leaves no artifact).

import {PolicyLoadError} from '../errors.js';
import {fileProblemCode, type FileProblem, readRegularFile} from '../files/regular-file.js';
import {isDict, type PyDict} from '../python/values.js';
import {locationIn} from '../source-location.js';
import {readYaml, type YamlDocument, YamlSyntaxError} from './yaml.js';

/** Policies are small; a larger file is refused rather than parsed for seconds. */
export const MAX_POLICY_BYTES = 1024 * 1024;

export type PolicyReadProblem =
  | FileProblem
  | {reason: 'not-utf8'; offset: number}
  /** `error` is a YamlSyntaxError, or (should the reader itself fail) any other error */
  | {reason: 'yaml-syntax'; error: Error}
  | {reason: 'root-not-mapping'};

export type PolicyRead =
  | {ok: true; text: string; document: YamlDocument; policy: PyDict}
  /** `text` and `document` as far as reading got (for code frames and duplicate keys). */
  | {ok: false; problem: PolicyReadProblem; text?: string; document?: YamlDocument};

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** Reads the policy file at `path` (resolved by the caller). */
export function readPolicyFile(path: string): PolicyRead {
  const read = readRegularFile(path, MAX_POLICY_BYTES);
  if (!read.ok) return {ok: false, problem: read.problem};
  let text: string;
  try {
    text = utf8.decode(read.bytes);
  } catch {
    return {ok: false, problem: {reason: 'not-utf8', offset: firstInvalidUtf8Offset(read.bytes)}};
  }
  let document: YamlDocument;
  try {
    // Most policies are plain block YAML: the fast reader takes them, the full one the rest.
    document = readYaml(text, {simpleFirst: true});
  } catch (error) {
    return {ok: false, problem: {reason: 'yaml-syntax', error: error as Error}, text};
  }
  if (!isDict(document.value)) return {ok: false, problem: {reason: 'root-not-mapping'}, text, document};
  return {ok: true, text, document, policy: document.value};
}

/** The policy mapping at `resolvedPath`, or the reference's PolicyLoadError. */
export function loadPolicyFile(resolvedPath: string): PyDict {
  const read = readPolicyFile(resolvedPath);
  if (read.ok) return read.policy;
  throw policyLoadError(read.problem, resolvedPath);
}

/** A reading problem as the loader reports it. */
function policyLoadError(problem: PolicyReadProblem, policyFile: string): PolicyLoadError {
  switch (problem.reason) {
    case 'too-large':
      return new PolicyLoadError('Policy file is too large', {policy_file: policyFile, size: problem.size, limit: problem.limit}, {reason: 'file-too-large'});
    case 'not-utf8':
      return new PolicyLoadError(
        'Policy file is not valid UTF-8',
        {policy_file: policyFile, error: `invalid UTF-8 at byte ${problem.offset}`},
        {reason: 'not-utf8'},
      );
    case 'yaml-syntax': {
      // The reference reports PyYAML's `str(err)`, whose marks name the file.
      const {error} = problem;
      const text = error instanceof YamlSyntaxError ? error.pyYamlText(policyFile) : error.message;
      const location = error instanceof YamlSyntaxError ? locationIn(policyFile, error.range) : {file: policyFile};
      return new PolicyLoadError('Policy YAML parsing failed', {policy_file: policyFile, error: text}, {reason: 'yaml-syntax', location});
    }
    case 'root-not-mapping':
      return new PolicyLoadError('Policy root must be a mapping object', {policy_file: policyFile}, {reason: 'root-not-mapping'});
    default:
      return new PolicyLoadError('Policy file could not be read', {policy_file: policyFile, error: fileProblemCode(problem)}, {reason: 'file-unreadable'});
  }
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
