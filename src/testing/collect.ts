// Turning PATH arguments (files, folders, globs) into the files a command
// reads: folders are searched for the given patterns, files are taken as given.

import {statSync} from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

export interface CollectedFiles {
  files: string[];
  /** Arguments naming nothing that exists (and no glob match). */
  missing: string[];
  /** Folders and globs that exist but hold no matching file. */
  empty: string[];
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands each argument in order; a file found twice is kept once, where first seen. */
export function collectFiles(paths: readonly string[], folderPatterns: readonly string[], cwd: string = process.cwd()): CollectedFiles {
  const collected: CollectedFiles = {files: [], missing: [], empty: []};
  const seen = new Set<string>();
  for (const given of paths) {
    const stats = statOrNull(path.resolve(cwd, given));
    let matches: string[];
    if (stats?.isDirectory()) {
      matches = fg.sync([...folderPatterns], {cwd: path.resolve(cwd, given), ignore: IGNORE, onlyFiles: true}).sort().map((file) => joinPath(given, file));
    } else if (stats) {
      matches = [given];
    } else if (fg.isDynamicPattern(given)) {
      matches = fg.sync(given, {cwd, ignore: IGNORE, onlyFiles: true}).sort();
    } else {
      collected.missing.push(given);
      continue;
    }
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

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function joinPath(folder: string, file: string): string {
  if (folder === '.' || folder === './') return file;
  return `${folder.replace(/\/+$/, '')}/${file}`;
}
