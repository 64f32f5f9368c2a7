// Reading a suite or a golden fixture file, as a policy is read
// (src/policy/read.ts): a regular file (a FIFO or device is refused unopened),
// no larger than its kind's bound, checked before a byte is parsed, and
// UTF-8, refused at the first invalid byte rather than read with
// replacement characters (a name in a report would not be the one written).

import path from 'node:path';
import {fileProblemCode, readRegularFile} from '../files/regular-file.js';
import {firstInvalidUtf8Offset} from '../policy/read.js';
import {TestingFileError} from './errors.js';

/** A suite of ten thousand cases is well under a megabyte; larger is refused before parsing (docs/limits.md). */
export const MAX_SUITE_BYTES = 8 * 1024 * 1024;

/** Golden fixture files hold recorded invocations and artifacts, one per line: a larger bound than suites. */
export const MAX_FIXTURE_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** The text of `file` (resolved against `cwd`); a `TestingFileError` (`UNREADABLE`) naming the file otherwise. */
export function readInputFile(file: string, kind: 'suite' | 'fixture', cwd: string = process.cwd()): string {
  const read = readRegularFile(path.resolve(cwd, file), kind === 'suite' ? MAX_SUITE_BYTES : MAX_FIXTURE_BYTES);
  if (!read.ok) throw new TestingFileError(`cannot read the ${kind}: ${fileProblemCode(read.problem)}`, 'UNREADABLE', {file});
  try {
    return utf8.decode(read.bytes);
  } catch {
    throw new TestingFileError(`cannot read the ${kind}: not UTF-8 (invalid byte at offset ${firstInvalidUtf8Offset(read.bytes)})`, 'UNREADABLE', {file});
  }
}
