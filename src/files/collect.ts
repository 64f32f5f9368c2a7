// Turning PATH arguments (files, folders, globs) into the files a command
// reads, the one way every command does it. A path that names a file is taken
// as given, whatever it is, links followed: it is the user's own choice (its
// reader decides what it accepts: policies, suites and fixtures must be
// regular files). A folder is walked for the files of a kind, and a path that
// names nothing and has glob characters is expanded; what a walk or a glob
// finds is never taken on trust (a pull request can add any file):
// - a symbolic link is followed only while it stays inside the folder walked
//   (for a glob, the folder its pattern starts from); one that leads out is
//   skipped, and reported by its own name only, never by what it points to;
// - only regular files are taken: a named pipe (which would block the
//   read), socket or device named like a file of the kind is skipped and
//   reported, never opened;
// - each folder is walked once, however many links lead to it, so link
//   loops end; a link that loops on itself, or leads nowhere, is reported.
// What names nothing, holds nothing or was skipped is reported for the
// command to word.

import {type Dirent, readdirSync, realpathSync, type Stats, statSync} from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import {compareCodePoints} from '../python/semantics.js';
import {specialFileType} from './regular-file.js';

/** What a command looks for in a folder. */
export interface FileKind {
  /** Name endings a folder walk takes; a kind without them takes no folders (they are reported in `folders`). */
  suffixes?: readonly string[];
  /** A folder named like a file of the kind (`x.yaml/`) is taken as a file, for its reader to refuse, rather than walked. */
  folderNamedAsFile?: boolean;
  /**
   * When two paths are one file: `resolved`, the same absolute path (read once);
   * `spelling`, the same text (two spellings of a file are read twice, as
   * each command has always done: lint, validate and compliance export).
   */
  sameFile: 'resolved' | 'spelling';
}

/** Policies: `*.yaml` and `*.yml`. */
export const POLICY_FILES: FileKind = {suffixes: ['.yaml', '.yml'], folderNamedAsFile: true, sameFile: 'spelling'};
/** Policy test suites: `*.test.yaml` and `*.test.yml`. */
export const SUITE_FILES: FileKind = {suffixes: ['.test.yaml', '.test.yml'], sameFile: 'resolved'};
/** Golden replay fixtures and `enforce --record` files: `*.json` and `*.jsonl`. */
export const FIXTURE_FILES: FileKind = {suffixes: ['.json', '.jsonl'], sameFile: 'resolved'};
/** Audit trails: files and globs only. */
export const TRAIL_FILES: FileKind = {sameFile: 'spelling'};

export type SkipReason =
  /** a symbolic link that leads out of the folder walked */
  | 'link-outside-folder'
  /** a symbolic link that leads nowhere (or where it cannot be followed) */
  | 'broken-link'
  /** a symbolic link that leads back to itself */
  | 'link-loop'
  /** a named pipe, socket or device named like a file of the kind */
  | 'not-regular-file'
  /** a folder below the one given that cannot be listed */
  | 'unreadable-folder';

/** Something a walk or a glob found and did not take. */
export interface SkippedPath {
  /** As the walk found it (the given folder joined with the path below it). */
  path: string;
  why: SkipReason;
  /** The special file's type, or the system error's code. */
  detail?: string;
}

export interface Collected {
  /** Every file, in the order the paths were given (a folder's and a glob's in code point order), each once. */
  files: string[];
  /** Paths that name nothing and are not globs. */
  missing: string[];
  /** Folders and globs that hold no file of the kind. */
  empty: string[];
  /** Folders given for a kind that takes none. */
  folders: string[];
  /** What folder walks and globs passed over, in the order found. */
  skipped: SkippedPath[];
  /** The files among `files` that a path named itself (not found by a walk or a glob). */
  named: Set<string>;
}

/** A skipped path as a warning line: `path: skipped: why` (naming the link, never where it leads). */
export function skippedMessage(skipped: SkippedPath): string {
  const why: Record<SkipReason, string> = {
    'link-outside-folder': 'a symbolic link that leads out of the folder, not followed',
    'broken-link': `a symbolic link that cannot be followed (${skipped.detail ?? 'ENOENT'})`,
    'link-loop': 'a symbolic link that loops',
    'not-regular-file': `a ${skipped.detail ?? 'special file'}, not a regular file`,
    'unreadable-folder': `a folder that cannot be read (${skipped.detail ?? 'EIO'})`,
  };
  return `${skipped.path}: skipped: ${why[skipped.why]}`;
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands each path in order, relative to `cwd`; a file reached twice (see `FileKind.sameFile`) is kept once, where first reached. */
export function collectFiles(paths: readonly string[], kind: FileKind, cwd: string = process.cwd()): Collected {
  const collected: Collected = {files: [], missing: [], empty: [], folders: [], skipped: [], named: new Set()};
  const seen = new Set<string>();
  for (const given of paths) {
    const matches = expand(given, kind, cwd, collected);
    if (matches === undefined) continue;
    if (matches.length === 0) collected.empty.push(given);
    for (const match of matches) {
      const key = kind.sameFile === 'resolved' ? path.resolve(cwd, match) : match;
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
    if (fg.isDynamicPattern(given)) return expandGlob(given, cwd, collected.skipped);
    collected.missing.push(given);
    return undefined;
  }
  // What exists but cannot be examined is taken as given, so that its reader says why it cannot be read.
  if (found !== 'folder' || (kind.folderNamedAsFile && hasSuffix(given, kind))) {
    collected.named.add(given);
    return [given];
  }
  if (!kind.suffixes) {
    collected.folders.push(given);
    return undefined;
  }
  return new FolderWalk(absolute, given, kind.suffixes, collected.skipped).files();
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

/** A walk of one folder for the files of a kind (see the module header for what it never takes). */
class FolderWalk {
  private readonly root: string;
  /** Real paths of the folders walked. */
  private readonly walked = new Set<string>();
  /** Links to folders inside the root, followed once the root itself is walked (their folders are mostly walked by then). */
  private readonly linkedFolders: {real: string; shown: string}[] = [];
  private readonly found: string[] = [];

  constructor(
    folder: string,
    private readonly given: string,
    private readonly suffixes: readonly string[],
    private readonly skipped: SkippedPath[],
  ) {
    this.root = realpathSync.native(folder);
  }

  /** The files found, shown under the folder as given, in code point order. */
  files(): string[] {
    this.walk(this.root, this.given);
    for (let next = this.linkedFolders.shift(); next; next = this.linkedFolders.shift()) {
      if (!this.walked.has(next.real)) this.walk(next.real, next.shown);
    }
    return this.found.sort(compareCodePoints);
  }

  /** Walks the folder at the real path `real` and the real folders below it (a stack, not recursion: trees may be deep). */
  private walk(real: string, shown: string): void {
    const pending = [{real, shown}];
    for (let folder = pending.pop(); folder; folder = pending.pop()) {
      this.walked.add(folder.real);
      let entries: Dirent[];
      try {
        // In name order, so that of two ways to a folder the same one is always walked.
        entries = readdirSync(folder.real, {withFileTypes: true}).sort((a, b) => compareCodePoints(a.name, b.name));
      } catch (error) {
        this.skip(folder.shown, 'unreadable-folder', (error as NodeJS.ErrnoException).code);
        continue;
      }
      const below: {real: string; shown: string}[] = [];
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const child = {real: path.join(folder.real, entry.name), shown: joinPath(folder.shown, entry.name)};
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules') below.push(child);
        } else if (entry.isSymbolicLink()) {
          this.link(child.real, child.shown, entry.name);
        } else if (this.wanted(entry.name)) {
          if (entry.isFile()) this.found.push(child.shown);
          else this.skip(child.shown, 'not-regular-file', specialFileType(entry));
        }
      }
      pending.push(...below.reverse());
    }
  }

  /** A link is followed only to a regular file of the kind, or to a folder, inside the root. */
  private link(linkPath: string, shown: string, name: string): void {
    let target: string;
    let stats: Stats;
    try {
      target = realpathSync.native(linkPath);
      stats = statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      if (code === 'ELOOP') this.skip(shown, 'link-loop');
      else if (this.wanted(name)) this.skip(shown, 'broken-link', code);
      return;
    }
    if (!isInside(this.root, target)) {
      if (stats.isDirectory() || this.wanted(name)) this.skip(shown, 'link-outside-folder');
    } else if (stats.isDirectory()) {
      this.linkedFolders.push({real: target, shown});
    } else if (this.wanted(name)) {
      if (stats.isFile()) this.found.push(shown);
      else this.skip(shown, 'not-regular-file', specialFileType(stats));
    }
  }

  private wanted(name: string): boolean {
    return this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  private skip(shown: string, why: SkipReason, detail?: string): void {
    this.skipped.push(detail === undefined ? {path: shown, why} : {path: shown, why, detail});
  }
}

/** What a glob matches, with the walk's rules: links followed only inside the folder the pattern starts from, regular files only. */
function expandGlob(pattern: string, cwd: string, skipped: SkippedPath[]): string[] {
  const entries = fg.sync(pattern, {cwd, ignore: IGNORE, dot: false, onlyFiles: false, followSymbolicLinks: false, objectMode: true});
  let root: string | undefined;
  const files: string[] = [];
  for (const {path: shown, dirent} of entries) {
    if (dirent.isFile()) {
      files.push(shown);
    } else if (dirent.isSymbolicLink()) {
      root ??= realpathOrSelf(path.resolve(cwd, globBase(pattern)));
      const outcome = linkOutcome(path.resolve(cwd, shown), root);
      if (outcome === 'file') files.push(shown);
      else if (outcome !== 'folder') skipped.push(outcome.detail === undefined ? {path: shown, why: outcome.why} : {path: shown, why: outcome.why, detail: outcome.detail});
    } else if (!dirent.isDirectory()) {
      skipped.push({path: shown, why: 'not-regular-file', detail: specialFileType(dirent)});
    }
  }
  return files.sort(compareCodePoints);
}

/** Where a link a glob matched leads: a regular file or a folder inside `root` (folders are not taken), or why it is skipped. */
function linkOutcome(linkPath: string, root: string): 'file' | 'folder' | {why: SkipReason; detail?: string} {
  try {
    const target = realpathSync.native(linkPath);
    const stats = statSync(target);
    if (!isInside(root, target)) return {why: 'link-outside-folder'};
    if (stats.isDirectory()) return 'folder';
    return stats.isFile() ? 'file' : {why: 'not-regular-file', detail: specialFileType(stats)};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return code === 'ELOOP' ? {why: 'link-loop'} : {why: 'broken-link', detail: code};
  }
}

/** The folder a glob starts from: its leading segments without glob characters. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const base: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (fg.isDynamicPattern(segment)) break;
    base.push(segment);
  }
  return base.length === 0 ? '.' : base.join('/') || '/';
}

function realpathOrSelf(absolute: string): string {
  try {
    return realpathSync.native(absolute);
  } catch {
    return absolute;
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function joinPath(folder: string, file: string): string {
  if (folder === '' || folder === '.' || folder === './') return file;
  return `${folder.replace(/\/+$/, '')}/${file}`;
}
