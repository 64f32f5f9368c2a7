// `loadPolicy`: the reference's load algorithm (path checks, YAML, `extends`
// composition, schema, dates) with an optional cache so a stream of
// invocations parses each policy once.

import {dirname, resolve} from 'node:path';
import type {EnforcementObserver} from '../enforcement-observer.js';
import {AigcError, PolicyLoadError} from '../errors.js';
import {pyStr} from '../python/repr.js';
import {pyTruthy, sortedStrings} from '../python/semantics.js';
import {dictGet, hasKey, isDict, type PyDict} from '../python/values.js';
import type {PolicyCache} from './cache.js';
import {checkCompositionRestriction, compositionStrategyOf, mergePolicies, stripCompositionKeys} from './compose.js';
import {type CalendarDay, utcDay, validatePolicyDates} from './dates.js';
import {resolveLikePython, resolvePolicyPath} from './paths.js';
import {loadPolicyFile} from './read.js';
import {assertPolicySchema} from './schema.js';

/** A source of raw policy mappings other than files (a database, a map in memory). */
export interface PolicyLoader {
  /** Returns the raw policy mapping for `policyRef` (before schema validation). */
  load(policyRef: string): PyDict;
}

/**
 * The default source: policy files, read as `loadPolicy` reads them. Given as
 * a loader (as the reference's `FilePolicyLoader`), it changes nothing: paths
 * resolve, cache and compose as files.
 */
export class FilePolicyLoader implements PolicyLoader {
  /** `cwd` and `policyRoot`, when given, take the place of the enforcement's own. */
  constructor(readonly options: {cwd?: string; policyRoot?: string} = {}) {}

  /** The raw mapping of the policy file `policyRef` (before `extends`, schema and dates). */
  load(policyRef: string): PyDict {
    const context = {cwd: this.options.cwd ?? process.cwd(), policyRoot: this.options.policyRoot};
    const resolved = resolvePolicyPath(policyRef, context);
    return loadPolicyFile(resolved);
  }
}

/** The file loader itself (not a subclass with a `load` of its own): loading then takes the file path, cache included. */
function isPlainFileLoader(loader: PolicyLoader | undefined): loader is FilePolicyLoader {
  return loader instanceof FilePolicyLoader && loader.load === FilePolicyLoader.prototype.load;
}

export interface LoadPolicyOptions {
  /** Directory relative policy paths resolve against (default: the process's cwd). */
  cwd?: string;
  /** Confine file policies (and their bases) to this directory. */
  policyRoot?: string;
  /** The calendar day for date checks (default: today, UTC). */
  today?: () => CalendarDay;
  /** Reuse loads across calls; `null` or absent loads afresh every time. */
  cache?: PolicyCache | null;
  /** A custom loader for the top-level policy (bases still load from files, as in the reference). */
  loader?: PolicyLoader;
  /** Told each file read, base merged, date check and policy loaded (not on a cache hit). */
  observer?: EnforcementObserver | null;
}

interface LoadContext {
  cwd: string;
  policyRoot?: string;
  today: () => CalendarDay;
  /** Files read during this load, for cache invalidation. */
  filesRead: string[];
  observer: EnforcementObserver | null;
}

const realToday = (): CalendarDay => utcDay(Date.now() / 1000);

/** Loads, composes and validates a policy; throws the reference's errors. */
export function loadPolicy(policyFile: string, options: LoadPolicyOptions = {}): PyDict {
  const files = isPlainFileLoader(options.loader) ? options.loader.options : {};
  const context: LoadContext = {
    cwd: files.cwd ?? options.cwd ?? process.cwd(),
    policyRoot: files.policyRoot ?? options.policyRoot,
    today: options.today ?? realToday,
    filesRead: [],
    observer: options.observer ?? null,
  };
  const cache = options.cache;
  const loader = isPlainFileLoader(options.loader) ? undefined : options.loader;
  if (loader) {
    if (!cache) return loadFromCustomLoader(policyFile, loader, context);
    // As the reference: the reference is an opaque key, a policy stays cached until
    // `clear()` (its bases still by file stamps), and a failed load is not remembered.
    return cache.getOrLoad(
      `\0loader\0${policyFile}`,
      context.today(),
      () => loadFromCustomLoader(policyFile, loader, context),
      () => context.filesRead,
      {rememberFailures: false},
    );
  }
  if (!cache) return loadResolved(policyFile, resolvePolicyPath(policyFile, context), new Set(), context);
  const resolved = cache.resolvePath(`${context.cwd}\0${context.policyRoot ?? ''}\0${policyFile}`, () =>
    resolvePolicyPath(policyFile, context),
  );
  return cache.getOrLoad(
    resolved,
    context.today(),
    () => loadResolved(policyFile, resolved, new Set(), context),
    () => context.filesRead,
  );
}

function loadResolved(policyFile: string, resolved: string, visited: Set<string>, context: LoadContext): PyDict {
  context.filesRead.push(resolved);
  let policy = loadPolicyFile(resolved);
  context.observer?.policyRead(resolved);
  if (hasKey(policy, 'extends')) policy = resolveExtends(policy, resolved, visited, context);
  validated(policy, policyFile, resolved, context);
  context.observer?.policyLoaded(resolved, policy);
  return policy;
}

/** `resolved` names the policy to the observer. */
function validated(policy: PyDict, policyFile: string, resolved: string, context: LoadContext): PyDict {
  assertPolicySchema(policy, policyFile);
  const effective = dictGet(policy, 'effective_date');
  const expiration = dictGet(policy, 'expiration_date');
  if ((effective !== undefined && effective !== null) || (expiration !== undefined && expiration !== null)) {
    validatePolicyDates(policy, context.today, context.observer, resolved);
  }
  return policy;
}

function resolveExtends(policy: PyDict, policyPath: string, visited: Set<string>, context: LoadContext): PyDict {
  visited.add(policyPath);
  const extendsRef = dictGet(policy, 'extends');
  if (!pyTruthy(extendsRef)) return policy;
  if (typeof extendsRef !== 'string') {
    throw new PolicyLoadError("Policy 'extends' must be a string", {policy_file: policyPath, extends: pyStr(extendsRef)}, {reason: 'extends-not-string'});
  }
  const basePath = resolveLikePython(resolve(dirname(policyPath), extendsRef));
  if (visited.has(basePath)) {
    throw new PolicyLoadError(
      `Circular extends detected: ${basePath}`,
      {policy_path: policyPath, extends: extendsRef, chain: sortedStrings(visited)},
      {reason: 'cyclic-extends'},
    );
  }
  const resolvedBase = resolvePolicyPath(basePath, {cwd: context.cwd, policyRoot: context.policyRoot, base: true});
  const base = loadResolved(basePath, resolvedBase, visited, context);
  const strategy = compositionStrategyOf(policy);
  const merged = mergePolicies(base, policy, strategy);
  checkCompositionRestriction(base, merged);
  context.observer?.baseMerged(policyPath, resolvedBase, strategy);
  return stripCompositionKeys(merged);
}

function loadFromCustomLoader(policyRef: string, loader: PolicyLoader, context: LoadContext): PyDict {
  let policy: unknown;
  try {
    policy = loader.load(policyRef);
  } catch (error) {
    if (error instanceof PolicyLoadError) throw error;
    const message = error instanceof AigcError || error instanceof Error ? error.message : String(error);
    throw new PolicyLoadError(
      `Custom policy loader failed: ${message}`,
      {policy_file: policyRef, loader: loader.constructor?.name ?? 'PolicyLoader'},
      {reason: 'custom-loader-failed'},
    );
  }
  if (!isDict(policy)) throw new PolicyLoadError('Policy root must be a mapping object', {policy_file: policyRef}, {reason: 'root-not-mapping'});
  let result = policy;
  if (hasKey(result, 'extends')) result = resolveExtends(result, resolveLikePython(policyRef, context.cwd), new Set(), context);
  return validated(result, policyRef, policyRef, context);
}
