// Turning `-i/--input` values into the files to read: `-` is stdin, an
// existing file is itself (even when its name looks like a glob), anything
// else with glob characters is expanded, sorted by code point. A missing file,
// a glob matching nothing or a folder is an input error (exit 3).
import {statSync} from 'node:fs';
import {resolve} from 'node:path';
import fg from 'fast-glob';
import {compareCodePoints} from '../python/semantics.js';
import {ioError, usageError} from './exit-codes.js';

export const STDIN = '-';

export interface InputFile {
  /** A path as given or as the glob found it, or `-` for stdin. */
  path: string;
}

/** Expands every value in order; a file reached twice is read once, where first reached. */
export function resolveInputPaths(values: readonly string[], cwd: string = process.cwd()): InputFile[] {
  if (values.filter((value) => value === STDIN).length > 1) throw usageError('stdin (-) can be given only once');
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    for (const path of expand(value, cwd)) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({path});
    }
  }
  return files;
}

function expand(value: string, cwd: string): string[] {
  if (value === STDIN) return [STDIN];
  const kind = kindOf(resolve(cwd, value));
  if (kind === 'file') return [value];
  if (kind === 'folder') throw ioError('is a folder, not a JSONL file; give the files inside it (a glob such as "DIR/*.jsonl" works)', value);
  if (fg.isDynamicPattern(value)) {
    const matches = fg.sync(value, {cwd, onlyFiles: true, dot: false}).sort(compareCodePoints);
    if (matches.length === 0) throw ioError('no file matches this pattern', value);
    return matches;
  }
  if (value === '') throw usageError('an empty --input value names no file');
  throw ioError('file not found', value);
}

/** What the path names; a path that exists but cannot be examined counts as a file, so reading it reports why. */
function kindOf(path: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'file';
  }
}
