// `aigc policy test --watch`: after the first run, watches the folders that
// hold the suites, the policies their cases read (the bases they extend
// included) and the folders given, with `fs.watch` on each folder (no polling),
// and re-runs the suites a change concerns: a suite changed or added, and every
// suite whose cases read a changed policy (src/testing/changed-since.ts
// decides which). A burst of events (an editor's write and rename) is taken as
// one change after a quiet DEBOUNCE_MS; a change during a run waits for it to
// end. It ends when `stop` resolves (Ctrl-C), with exit 0.

import {type FSWatcher, watch} from 'node:fs';
import path from 'node:path';
import {policyFilesOfSuites, type SuiteSelectionOptions, suitesConcerned} from '../testing/changed-since.js';
import type {LoadedSuite} from '../testing/suite.js';
import {displayPath} from './reporters/paths.js';

/** How long events must pause before the change they make is acted on. */
export const DEBOUNCE_MS = 200;

/** What the suites under the command's paths are now. */
export interface FoundSuites {
  /** Those that load. */
  suites: LoadedSuite[];
  /** Every suite file found, loading or not, absolute. */
  files: string[];
}

export interface WatchSession {
  selection: SuiteSelectionOptions;
  /** The folders among the paths given, absolute (a suite added to one of them is found). */
  folders: string[];
  /** Finds the suites under the paths given, without running them. */
  find(): FoundSuites;
  /** Runs and reports the suites in these files (all those found when undefined). */
  run(files?: readonly string[]): Promise<void>;
  /** Says something on stderr (`aigc policy test: …`). */
  note(message: string): void;
  /** Says why a run could not be made, and goes on watching. */
  fail(error: unknown): void;
}

export async function watchPolicyTests(session: WatchSession, stop: Promise<void>): Promise<void> {
  await session.run();
  const watcher = new SuiteWatcher(session);
  watcher.refresh();
  session.note('watching for changes to suites and the policies they read (Ctrl-C ends)');
  await stop;
  watcher.close();
}

class SuiteWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private found: FoundSuites = {suites: [], files: []};
  private watchedFiles = new Set<string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;

  constructor(private readonly session: WatchSession) {}

  /** Finds the suites again, and watches the folders of every file they read. */
  refresh(): void {
    this.found = this.session.find();
    this.watchedFiles = new Set([...this.found.files, ...policyFilesOfSuites(this.found.suites, this.session.selection)]);
    const folders = new Set([...this.session.folders, ...[...this.watchedFiles].map((file) => path.dirname(file))]);
    for (const [folder, watcher] of this.watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of folders) if (!this.watchers.has(folder)) this.watchFolder(folder);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchFolder(folder: string): void {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (name !== null) this.changed(path.join(folder, name.toString()));
      });
    } catch {
      // A folder gone since it was found is watched again when a suite or policy is found in it.
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      this.watchers.delete(folder);
    });
    this.watchers.set(folder, watcher);
  }

  private changed(file: string): void {
    // Reports the run writes (JUnit, LCOV) and editors' swap files are no change to act on.
    if (!this.watchedFiles.has(file) && !/\.ya?ml$/.test(file)) return;
    this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rerun(), DEBOUNCE_MS);
  }

  private async rerun(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    const changed = this.pending;
    this.pending = new Set();
    try {
      const before = this.found;
      this.refresh();
      const files = this.concerned(changed, before);
      if (files.length > 0) {
        const cwd = this.session.selection.cwd;
        const shown = (list: readonly string[]) => list.map((file) => displayPath(file, cwd));
        const count = files.length === 1 ? '1 suite' : `${files.length} suites`;
        this.session.note(`changed: ${shown([...changed].sort()).join(', ')}; re-running ${count}: ${shown(files).join(', ')}`);
        await this.session.run(shown(files));
      }
    } catch (error) {
      this.session.fail(error);
    } finally {
      this.running = false;
    }
    if (this.pending.size > 0 && !this.closed) this.timer = setTimeout(() => void this.rerun(), DEBOUNCE_MS);
  }

  /** The suite files to run again: those changed (loading or not), and those reading a changed policy, before or after the change. */
  private concerned(changed: ReadonlySet<string>, before: FoundSuites): string[] {
    const files = new Set(this.found.files.filter((file) => changed.has(file)));
    const now = new Set(this.found.files);
    for (const suite of suitesConcerned([...before.suites, ...this.found.suites], changed, this.session.selection)) {
      const file = path.resolve(this.session.selection.cwd, suite.file);
      if (now.has(file)) files.add(file);
    }
    return [...files].sort();
  }
}
