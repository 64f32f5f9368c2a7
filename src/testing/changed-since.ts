// `--changed-since REF`: the files changed since a git revision (committed,
// staged, unstaged and untracked: what `git diff --name-only REF` and
// `git ls-files --others --exclude-standard` list), and the suites a change
// concerns: those whose cases enforce a changed policy or a policy extending
// one, and those changed themselves; and the policy files suites read, which
// `policy test --watch` watches.

import {spawnSync} from 'node:child_process';
import {IgnoringObserver} from '../enforcement-observer.js';
import {loadPolicy} from '../policy/loader.js';
import {resolveLikePython} from '../policy/paths.js';
import type {LoadedSuite} from './suite.js';

export type ChangedSinceReason = 'git-unavailable' | 'not-a-repository' | 'unknown-revision' | 'git-failed';

/** Why the changed files could not be listed; `reason` says which way. */
export class ChangedSinceError extends Error {
  override readonly name = 'ChangedSinceError';

  constructor(
    message: string,
    readonly reason: ChangedSinceReason,
  ) {
    super(message);
  }
}

/** Absolute real paths of the files changed in the git work tree at `cwd` since `revision`. */
export function filesChangedSince(revision: string, cwd: string): Set<string> {
  // A revision is never an option: `--output=…` would make git write a file.
  if (revision === '' || revision.startsWith('-')) throw new ChangedSinceError(`'${revision}' is not a git revision`, 'unknown-revision');
  const top = git(['rev-parse', '--show-toplevel'], cwd, 'not-a-repository').trim();
  git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd, 'unknown-revision', `unknown revision '${revision}'`);
  const changed = git(['diff', '--name-only', '-z', '--no-renames', revision, '--'], top, 'git-failed');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], top, 'git-failed');
  const files = new Set<string>();
  for (const name of `${changed}${untracked}`.split('\0')) if (name !== '') files.add(resolveLikePython(name, top));
  return files;
}

function git(args: string[], cwd: string, reason: ChangedSinceReason, wording?: string): string {
  const run = spawnSync('git', args, {cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: {...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C'}});
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new ChangedSinceError(code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `cannot run git: ${run.error.message}`, 'git-unavailable');
  }
  if (run.status !== 0) {
    const said = run.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
    if (reason === 'not-a-repository') throw new ChangedSinceError(`${cwd} is not in a git repository`, reason);
    throw new ChangedSinceError(wording ?? `git ${args[0]} failed${said ? `: ${said}` : ''}`, reason);
  }
  return run.stdout;
}

export interface SuiteSelectionOptions {
  /** Folder the cases' policy paths resolve against. */
  cwd: string;
  policyRoot?: string;
}

/** The suites whose cases enforce a policy file in `changed` (or one extending it), or that are in `changed` themselves. */
export function suitesConcerned(suites: readonly LoadedSuite[], changed: ReadonlySet<string>, options: SuiteSelectionOptions): LoadedSuite[] {
  const filesOf = policyFilesMemo(options);
  return suites.filter((suite) => {
    if (changed.has(resolveLikePython(suite.file, options.cwd))) return true;
    return suitePolicyFiles(suite).some((policyFile) => filesOf(policyFile).some((file) => changed.has(file)));
  });
}

/** Every file the suites' cases make enforcement read: each policy and the bases it extends (absolute paths). */
export function policyFilesOfSuites(suites: readonly LoadedSuite[], options: SuiteSelectionOptions): Set<string> {
  const filesOf = policyFilesMemo(options);
  return new Set(suites.flatMap((suite) => suitePolicyFiles(suite).flatMap(filesOf)));
}

function suitePolicyFiles(suite: LoadedSuite): string[] {
  return suite.cases.flatMap((item) => (typeof item.invocation.policy_file === 'string' ? [item.invocation.policy_file] : []));
}

/** `policyFilesRead`, each policy file loaded once. */
function policyFilesMemo(options: SuiteSelectionOptions): (policyFile: string) => string[] {
  const policyFiles = new Map<string, string[]>();
  return (policyFile) => {
    let files = policyFiles.get(policyFile);
    if (!files) {
      files = policyFilesRead(policyFile, options);
      policyFiles.set(policyFile, files);
    }
    return files;
  };
}

class FilesRead extends IgnoringObserver {
  readonly files: string[] = [];

  override policyRead(resolvedPath: string): void {
    this.files.push(resolvedPath);
  }
}

/** The files enforcement reads for `policyFile`: the policy and every base it extends (as far as loading gets). */
function policyFilesRead(policyFile: string, options: SuiteSelectionOptions): string[] {
  const observer = new FilesRead();
  try {
    loadPolicy(policyFile, {cwd: options.cwd, policyRoot: options.policyRoot, observer});
  } catch {
    // A policy that does not load still depends on the files read before it failed.
  }
  return observer.files;
}
