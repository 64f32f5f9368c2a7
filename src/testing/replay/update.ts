// `aigc replay --update`: the actual artifacts written back into fixtures,
// each in its own shape and with the file's JSON style (indentation, ASCII
// escaping, final newline). Computes the new file texts; the caller writes them.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {pyJsonDumps} from '../../canonical/dumps.js';
import {defineKey, isDict, type PyDict} from '../../python/values.js';
import {projectOnto, VOLATILE_ARTIFACT_POINTERS, withoutPointers} from '../compare.js';
import {RECORDING_POINTERS, type ReplayResult} from './replay.js';

/** `new`: only fixtures without an expectation; `all`: every mismatch too; `none`: nothing. */
export type UpdateMode = 'new' | 'all' | 'none';

export interface FixtureWrite {
  file: string;
  text: string;
}

export interface UpdatePlan {
  writes: FixtureWrite[];
  /** Results whose fixture gets a new expectation (`missing` ones) or a corrected one. */
  updated: Set<ReplayResult>;
}

export interface UpdateOptions {
  mode: UpdateMode;
  /** `--expected FILE` of bare fixtures: where their expectation is written. */
  expectedFile?: string;
  /** Keep timestamps in written expectations (`--strict`). */
  strict?: boolean;
  cwd?: string;
}

/** The 8 stable fields of the reference's expected-audit templates (`generate_golden_replays.py`). */
const REFERENCE_TEMPLATE_FIELDS = [
  'audit_schema_version',
  'model_provider',
  'model_identifier',
  'policy_version',
  'role',
  'policy_file',
  'policy_schema_version',
  'enforcement_result',
];

/** A result that has an artifact to write back. */
type Replayed = ReplayResult & {actual: PyDict};

export function planUpdates(results: readonly ReplayResult[], options: UpdateOptions): UpdatePlan {
  const plan: UpdatePlan = {writes: [], updated: new Set()};
  if (options.mode === 'none') return plan;
  // A replay that stopped short of an artifact (see `ReplayResult.problem`) has nothing to write, and an
  // audit trail is never rewritten (its lines are chained and signed, and they hold no invocation to write beside).
  const chosen = results.filter(
    (result): result is Replayed =>
      result.actual !== null && result.fixture.shape !== 'artifact' && (result.status === 'missing' || (options.mode === 'all' && result.status === 'failed')),
  );
  const byFile = new Map<string, Replayed[]>();
  for (const result of chosen) {
    if (result.fixture.shape === 'reference-bare') {
      if (options.expectedFile === undefined) continue;
      plan.writes.push({file: options.expectedFile, text: bareTemplateText(result, options)});
      plan.updated.add(result);
      continue;
    }
    const list = byFile.get(result.fixture.file) ?? [];
    list.push(result);
    byFile.set(result.fixture.file, list);
  }
  for (const [file, list] of byFile) {
    plan.writes.push({file, text: rewriteFile(file, list, options)});
    for (const result of list) plan.updated.add(result);
  }
  return plan;
}

/** The artifact as an expectation: without what changes from run to run. */
function storedArtifact(actual: PyDict, strict?: boolean): PyDict {
  const drop = new Set(RECORDING_POINTERS);
  if (!strict) for (const pointer of VOLATILE_ARTIFACT_POINTERS) drop.add(pointer);
  return withoutPointers(actual, drop);
}

function updatedValue(result: Replayed, options: UpdateOptions): PyDict {
  const fixture = result.fixture;
  // A copy keeps the raw key order; defineKey replaces a key where it stands.
  const value: PyDict = {...fixture.raw};
  const actual = result.actual;
  switch (fixture.shape) {
    case 'ours':
      defineKey(value, 'expected', isDict(fixture.raw.expected) ? (projectOnto(fixture.raw.expected, actual) as PyDict) : storedArtifact(actual, options.strict));
      return value;
    case 'record':
      defineKey(value, 'artifact', actual);
      return value;
    case 'reference-wrapped': {
      defineKey(value, 'expected_exception', result.errorClass);
      if (Object.hasOwn(value, 'expected_exception_code') || result.errorCode !== null) defineKey(value, 'expected_exception_code', result.errorCode);
      const stable = fixture.raw.expected_audit_artifact_stable_fields;
      if (isDict(stable)) defineKey(value, 'expected_audit_artifact_stable_fields', projectOnto(stable, actual) as PyDict);
      return value;
    }
    case 'reference-bare':
    case 'artifact':
      return value;
  }
}

function bareTemplateText(result: Replayed, options: UpdateOptions): string {
  const file = options.expectedFile!;
  const existing = readIfPresent(file, options.cwd);
  const actual = result.actual;
  let template: PyDict;
  if (result.status === 'failed' && result.fixture.expectation?.artifact) {
    template = projectOnto(result.fixture.expectation.artifact, actual) as PyDict;
  } else {
    template = {};
    const fields = [...REFERENCE_TEMPLATE_FIELDS, ...(actual.enforcement_result === 'FAIL' ? ['failure_gate'] : [])];
    for (const key of fields) if (Object.hasOwn(actual, key)) template[key] = actual[key];
  }
  return renderLike(existing, template);
}

function rewriteFile(file: string, results: Replayed[], options: UpdateOptions): string {
  const original = readIfPresent(file, options.cwd) ?? '';
  if (results.every((result) => result.fixture.line === undefined)) return renderLike(original, updatedValue(results[0], options));
  const byLine = new Map<number, Replayed>(results.map((result) => [result.fixture.line!, result]));
  const lines = original.split('\n');
  return lines
    .map((line, index) => {
      const result = byLine.get(index + 1);
      return result ? pyJsonDumps(updatedValue(result, options), {separators: [',', ':']}) : line;
    })
    .join('\n');
}

function readIfPresent(file: string, cwd?: string): string | undefined {
  try {
    return readFileSync(path.resolve(cwd ?? process.cwd(), file), 'utf8');
  } catch {
    return undefined;
  }
}

/** JSON text for `value` in the style of `original`: its indentation (2 when new), `\uXXXX` escapes if it used them, its final newline. */
export function renderLike(original: string | undefined, value: PyDict): string {
  const source = original ?? '';
  const oneLine = original !== undefined && !source.trimEnd().includes('\n');
  const indentMatch = /\n( +)\S/.exec(source);
  const indent = oneLine ? undefined : (indentMatch?.[1].length ?? 2);
  const ensureAscii = /\\u[0-9a-fA-F]{4}/.test(source);
  const text = pyJsonDumps(value, indent === undefined ? {separators: [', ', ': '], ensureAscii} : {indent, ensureAscii});
  const newline = original === undefined || source.endsWith('\n') ? '\n' : '';
  return `${text}${newline}`;
}
