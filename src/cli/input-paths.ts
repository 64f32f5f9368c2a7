// Turning `-i/--input` values into the files to read: `-` is stdin, an
// existing file is itself (even when its name looks like a glob), anything
// else with glob characters is expanded (src/files/collect.ts), sorted by code
// point. A missing file, a glob matching nothing or a folder is an input
// error (exit 3), reported for the first such value.
import {collectFiles, skippedMessage, TRAIL_FILES} from '../files/collect.js';
import {ioError, usageError} from './exit-codes.js';

export const STDIN = '-';

export interface InputFile {
  /** A path as given or as the glob found it, or `-` for stdin. */
  path: string;
}

/** Expands every value in order; a file reached twice is read once, where first reached. What a glob does not take is passed to `warn`. */
export function resolveInputPaths(values: readonly string[], cwd: string, warn: (message: string) => void): InputFile[] {
  if (values.filter((value) => value === STDIN).length > 1) throw usageError('stdin (-) can be given only once');
  const {files, missing, empty, folders, skipped} = collectFiles(
    values.filter((value) => value !== STDIN),
    TRAIL_FILES,
    cwd,
  );
  const unusable = values.find((value) => missing.includes(value) || empty.includes(value) || folders.includes(value));
  if (unusable !== undefined) throw inputError(unusable, folders.includes(unusable), empty.includes(unusable));
  for (const entry of skipped) warn(skippedMessage(entry));
  const paths = values.includes(STDIN) ? insertStdin(values, files, cwd) : files;
  return paths.map((path) => ({path}));
}

function inputError(value: string, isFolder: boolean, isEmptyGlob: boolean): Error {
  if (isFolder) return ioError('is a folder, not a JSONL file; give the files inside it (a glob such as "DIR/*.jsonl" works)', value);
  if (isEmptyGlob) return ioError('no file matches this pattern', value);
  if (value === '') return usageError('an empty --input value names no file');
  return ioError('file not found', value);
}

/** The files with stdin where it was given: after the files of the values before it (which come first, as files keep the order of values). */
function insertStdin(values: readonly string[], files: string[], cwd: string): string[] {
  const before = collectFiles(values.slice(0, values.indexOf(STDIN)), TRAIL_FILES, cwd).files.length;
  return [...files.slice(0, before), STDIN, ...files.slice(before)];
}
