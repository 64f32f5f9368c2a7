// Policy path resolution as the reference's file loader does it: relative to
// the working directory, symlinks followed, then the suffix, existence and
// file checks in that order. `policyRoot` adds the CLI's confinement.

import {realpathSync, statSync} from 'node:fs';
import {basename, dirname, isAbsolute, relative, resolve, sep} from 'node:path';
import {PolicyLoadError} from '../errors.js';

export interface ResolveOptions {
  /** Directory relative paths resolve against (the process's cwd by default). */
  cwd?: string;
  /** When set, a policy path resolving outside this directory is refused. */
  policyRoot?: string;
  /** The path is the base an `extends` names (its absence is then a missing base). */
  base?: boolean;
}

/** Python `Path.resolve()` (non-strict): real path of the longest existing prefix. */
export function resolveLikePython(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  return realPathOfExistingPrefix(absolute);
}

function realPathOfExistingPrefix(absolute: string): string {
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return resolve(realPathOfExistingPrefix(parent), basename(absolute));
  }
}

/** Python `PurePath.suffix`: empty for dotfiles and names ending in a dot. */
export function pythonSuffix(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot);
}

/** Resolves `policyFile` and checks it is an existing `.yaml`/`.yml` file. */
export function resolvePolicyPath(policyFile: string, options: ResolveOptions = {}): string {
  const resolved = resolveLikePython(policyFile, options.cwd);
  const details = {policy_file: policyFile};
  const suffix = pythonSuffix(resolved);
  if (suffix !== '.yaml' && suffix !== '.yml') throw new PolicyLoadError('Policy file must be YAML', details, {reason: 'not-yaml-path', path: resolved});
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(resolved);
  } catch {
    throw new PolicyLoadError('Policy file does not exist', details, {reason: options.base ? 'missing-base' : 'file-missing', path: resolved});
  }
  if (!stats.isFile()) throw new PolicyLoadError('Policy path must reference a file', details, {reason: 'not-a-file', path: resolved});
  if (options.policyRoot !== undefined) assertInsideRoot(resolved, policyFile, options);
  return resolved;
}

function assertInsideRoot(resolved: string, policyFile: string, options: ResolveOptions): void {
  const root = resolveLikePython(options.policyRoot!, options.cwd);
  const fromRoot = relative(root, resolved);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    throw new PolicyLoadError('Policy file is outside the policy root', {policy_file: policyFile, policy_root: root}, {reason: 'outside-policy-root'});
  }
}
