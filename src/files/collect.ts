// Turning PATH arguments (files, folders, globs) into the files a command
// reads, the one way every command does it. A path that names a file is taken
// as given, whatever it is (its reader decides what it accepts); a folder is
// walked for the files of a kind; a path that names nothing and has glob
// characters is expanded. What names nothing, and what holds nothing, is
// reported for the command to word.

import {statSync} from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import {compareCodePoints} from '../python/semantics.js';

/** What a command looks for in a folder. */
export interface FileKind {
  /** Name endings a folder walk takes; a kind without them takes no folders (they are reported in `folders`). */
  suffixes?: readonly string[];
  /** A folder named like a file of the kind (`x.yaml/`) is taken as a file, for its reader to refuse, rather than walked. */
  folderNamedAsFile?: boolean;
}

/** Policies: `*.yaml` and `*.yml`. */
export const POLICY_FILES: FileKind = {suffixes: ['.yaml', '.yml'], folderNamedAsFile: true};
/** Policy test suites: `*.test.yaml` and `*.test.yml`. */
export const SUITE_FILES: FileKind = {suffixes: ['.test.yaml', '.test.yml']};
/** Golden replay fixtures and `enforce --record` files: `*.json` and `*.jsonl`. */
export const FIXTURE_FILES: FileKind = {suffixes: ['.json', '.jsonl']};
/** Audit trails: files and globs only. */
export const TRAIL_FILES: FileKind = {};

export interface Collected {
  /** Every file, in the order the paths were given (a folder's and a glob's in code point order), each once. */
  files: string[];
  /** Paths that name nothing and are not globs. */
  missing: string[];
  /** Folders and globs that hold no file of the kind. */
  empty: string[];
  /** Folders given for a kind that takes none. */
  folders: string[];
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands each path in order, relative to `cwd`; a file reached twice is kept once, where first reached. */
export function collectFiles(paths: readonly string[], kind: FileKind, cwd: string = process.cwd()): Collected {
  const collected: Collected = {files: [], missing: [], empty: [], folders: []};
  const seen = new Set<string>();
  for (const given of paths) {
    const matches = expand(given, kind, cwd, collected);
    if (matches === undefined) continue;
    if (matches.length === 0) collected.empty.push(given);
    for (const match of matches) {
      const key = path.resolve(cwd, match);
      if (seen.has(key)) continue;
      seen.add(key);
      collected.files.push(match);
    }
  }
  return collected;
}

/** The files `given` stands for; undefined when it was reported as missing or as a folder. */
function expand(given: string, kind: FileKind, cwd: string, collected: Collected): string[] | undefined {
  const absolute = path.resolve(cwd, given);
  const found = examine(absolute);
  if (found === 'missing') {
    if (fg.isDynamicPattern(given)) return expandGlob(given, cwd);
    collected.missing.push(given);
    return undefined;
  }
  // What exists but cannot be examined is taken as given, so that its reader says why it cannot be read.
  if (found !== 'folder' || (kind.folderNamedAsFile && hasSuffix(given, kind))) return [given];
  if (!kind.suffixes) {
    collected.folders.push(given);
    return undefined;
  }
  return walkFolder(absolute, kind.suffixes).map((file) => joinPath(given, file));
}

function examine(absolute: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(absolute).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}

function hasSuffix(name: string, kind: FileKind): boolean {
  return kind.suffixes?.some((suffix) => name.endsWith(suffix)) ?? false;
}

/** The files of the kind below `folder`, relative to it, in code point order. */
function walkFolder(folder: string, suffixes: readonly string[]): string[] {
  const patterns = suffixes.map((suffix) => `**/*${suffix}`);
  return fg.sync(patterns, {cwd: folder, ignore: IGNORE, dot: false, onlyFiles: true}).sort(compareCodePoints);
}

function expandGlob(pattern: string, cwd: string): string[] {
  return fg.sync(pattern, {cwd, ignore: IGNORE, dot: false, onlyFiles: true}).sort(compareCodePoints);
}

function joinPath(folder: string, file: string): string {
  if (folder === '' || folder === '.' || folder === './') return file;
  return `${folder.replace(/\/+$/, '')}/${file}`;
}
