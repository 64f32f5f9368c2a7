// Replays the policy cases recorded from the Python reference by
// scripts/gen-policy-cases.py: each case's files are written to a fresh
// directory, loaded with `loadPolicy`, and the outcome rendered in the shape
// the generator recorded (a policy repr, or an error's class, message and
// details repr, with absolute paths written as `<root>` and `<schema>`).

import {mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {parseJson} from '../../src/canonical/index.js';
import {AigcError, PolicyLoadError, PolicyValidationError} from '../../src/errors.js';
import type {CalendarDay} from '../../src/policy/dates.js';
import {loadPolicy, type PolicyLoader} from '../../src/policy/loader.js';
import {readYaml} from '../../src/policy/yaml.js';
import {pyRepr, strRepr} from '../../src/python/repr.js';
import type {PyDict, PyValue} from '../../src/python/values.js';
import {shippedSchemaPath} from '../../src/schemas.js';

/** The custom loader a case asks for: a fixed result, YAML text, or an exception. */
export interface LoaderSpec {
  kind: string;
  value?: string;
  message?: string;
  details?: Record<string, PyValue>;
}

export interface Outcome {
  result?: string;
  error?: string;
  message?: string;
  details?: string;
}

export interface PolicyCase extends Outcome {
  name: string;
  files?: Record<string, string | {base64: string}>;
  symlinks?: Record<string, string>;
  dirs?: string[];
  cwd?: string;
  load: string;
  today?: string;
  loader?: LoaderSpec;
  /** The reference crashed with this raw Python exception (no AIGCError, no artifact). */
  raw?: string;
}

export const DEFAULT_TODAY = '2025-06-15';

export function readCases(group: string): PolicyCase[] {
  const text = readFileSync(new URL(`../data/policy/${group}.json`, import.meta.url), 'utf8');
  return (JSON.parse(text) as {cases: PolicyCase[]}).cases;
}

export function calendarDay(iso: string): CalendarDay {
  const [year, month, day] = iso.split('-').map(Number);
  return {year, month, day};
}

/** A fresh directory (symlinks resolved, as the recorded paths are). */
export function makeRoot(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'aigc-policy-')));
}

export function removeRoot(root: string): void {
  rmSync(root, {recursive: true, force: true});
}

/** Writes a case's directories, files (with `<root>` filled in) and symlinks under `root`. */
export function writeTree(root: string, policyCase: Pick<PolicyCase, 'files' | 'symlinks' | 'dirs'>): void {
  for (const directory of policyCase.dirs ?? []) mkdirSync(join(root, directory), {recursive: true});
  for (const [name, content] of Object.entries(policyCase.files ?? {})) {
    const path = join(root, name);
    mkdirSync(dirname(path), {recursive: true});
    if (typeof content === 'string') writeFileSync(path, content.replaceAll('<root>', root), 'utf8');
    else writeFileSync(path, Buffer.from(content.base64, 'base64'));
  }
  for (const [link, target] of Object.entries(policyCase.symlinks ?? {})) {
    mkdirSync(dirname(join(root, link)), {recursive: true});
    symlinkSync(target, join(root, link));
  }
}

/** Stands in for the generator's Python `MemoryLoader` (same class name, as it appears in details). */
export class MemoryLoader implements PolicyLoader {
  constructor(private readonly spec: LoaderSpec) {}

  load(): PyDict {
    const {kind, value, message = '', details} = this.spec;
    if (kind === 'returns') return parseJson(value!) as PyDict;
    if (kind === 'yaml') return readYaml(value!).value as PyDict;
    if (kind === 'raises-PolicyLoadError') throw new PolicyLoadError(message, details);
    if (kind === 'raises-PolicyValidationError') throw new PolicyValidationError(message, details);
    // Python's str() of a KeyError is the repr of its key.
    if (kind === 'raises-KeyError') throw new Error(strRepr(message));
    throw new Error(message);
  }
}

/** Renders an outcome with `root` and the shipped schema path replaced by placeholders. */
export function outcomeOf(run: () => PyDict, root: string): Outcome {
  const normalise = (text: string) => text.replaceAll(shippedSchemaPath('policy'), '<schema>').replaceAll(root, '<root>');
  try {
    return {result: normalise(pyRepr(run()))};
  } catch (error) {
    if (!(error instanceof AigcError)) throw error;
    return {
      error: error.className,
      message: normalise(error.message),
      details: normalise(pyRepr(error.details as PyDict)),
    };
  }
}

/** Materialises a case and loads it as the generator did (pinned day, working directory, loader). */
export function replay(policyCase: PolicyCase): Outcome {
  const root = makeRoot();
  try {
    writeTree(root, policyCase);
    const day = calendarDay(policyCase.today ?? DEFAULT_TODAY);
    return outcomeOf(
      () =>
        loadPolicy(policyCase.load.replaceAll('<root>', root), {
          cwd: join(root, policyCase.cwd ?? '.'),
          today: () => day,
          loader: policyCase.loader ? new MemoryLoader(policyCase.loader) : undefined,
        }),
      root,
    );
  } finally {
    removeRoot(root);
  }
}

/** The recorded outcome in the replay's shape. */
export function recorded(policyCase: PolicyCase): Outcome {
  const {result, error, message, details} = policyCase;
  return Object.fromEntries(Object.entries({result, error, message, details}).filter(([, value]) => value !== undefined));
}

/** Cases the reference answered with a policy or an AIGCError (not a raw crash). */
export function sharedCases(cases: PolicyCase[]): PolicyCase[] {
  return cases.filter((policyCase) => policyCase.raw === undefined);
}

/** Cases where the reference crashed with a raw exception, by name. */
export function crashCases(cases: PolicyCase[]): Map<string, PolicyCase> {
  return new Map(cases.filter((policyCase) => policyCase.raw !== undefined).map((policyCase) => [policyCase.name, policyCase]));
}
