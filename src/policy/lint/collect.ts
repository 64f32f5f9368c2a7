// Turning PATH arguments (files, folders, globs) into the policy files to check.

import {statSync} from 'node:fs';
import {resolve} from 'node:path';
import fg from 'fast-glob';

export interface CollectedPaths {
  files: string[];
  /** Arguments that matched nothing (a missing file, an empty folder, a glob with no match). */
  unmatched: string[];
}

const POLICY_GLOB = '**/*.{yaml,yml}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands each argument in order; duplicates are kept once, in first-seen order. */
export function collectPolicyFiles(paths: readonly string[], cwd: string = process.cwd()): CollectedPaths {
  const files: string[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const path of paths) {
    let matches: string[];
    const stats = statOrNull(path, cwd);
    if (stats?.isDirectory() && !/\.ya?ml$/.test(path)) {
      matches = fg.sync(POLICY_GLOB, {cwd: resolve(cwd, path), ignore: IGNORE, dot: false, onlyFiles: true})
        .sort()
        .map((file) => joinPath(path, file));
    } else if (stats) {
      matches = [path];
    } else if (fg.isDynamicPattern(path)) {
      matches = fg.sync(path, {cwd, ignore: IGNORE, onlyFiles: true}).sort();
    } else {
      matches = [];
    }
    if (matches.length === 0) unmatched.push(path);
    for (const match of matches) add(match);
  }
  return {files, unmatched};
}

function statOrNull(path: string, cwd: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(resolve(cwd, path));
  } catch {
    return null;
  }
}

function joinPath(folder: string, file: string): string {
  if (folder === '.' || folder === './') return file;
  return `${folder.replace(/\/+$/, '')}/${file}`;
}
