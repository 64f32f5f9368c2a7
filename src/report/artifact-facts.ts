// What a compliance report takes from one line of a trail: why it is not an
// artifact, or the few fields it counts (and, on request, its lineage key
// and parents, or the artifact itself). Plain data: lines are classified on
// the main thread or in worker threads (worker.ts) by the same code.
//
// Validity is the audit schema's verdict as python-jsonschema gives it. Ajv's
// validator compiled ahead of time (audit-schema.generated.ts) accepts the
// usual artifact in a fraction of the interpretive evaluator's time, and it
// accepts nothing the reference refuses; only a line it refuses is walked
// again by the python-jsonschema emulation, which has the last word (Python's
// regex `$` accepts a little more) and words the error.

import {parseJsonExactly, parseNatively} from '../canonical/json.js';
import {declaredParents, lineageKey} from '../audit/lineage.js';
import type {JsonlRecord} from '../io/jsonl.js';
import type {LineBatch} from '../io/jsonl-batches.js';
import {bestMatch, type CompiledSchema, compileSchema} from '../jsonschema/index.js';
import {dictGet, isDict, type PyDict, PyFloat, type PyValue, toPlain} from '../python/values.js';
import {readShippedSchema} from '../schemas.js';
import validateAuditArtifact from './audit-schema.generated.js';
import {batchStartsWithBom, batchTrailRecords} from './trail-lines.js';

/** Why a line is not counted as an artifact. */
export type InvalidReason = 'json' | 'utf8' | 'too-long' | 'truncated' | 'not-object' | 'schema';

export interface InvalidLineFacts {
  kind: 'invalid';
  line: number;
  reason: InvalidReason;
  message: string;
}

export interface ArtifactFacts {
  kind: 'artifact';
  line: number;
  /** `enforcement_result`. */
  result: PyValue | undefined;
  /** `policy_file` as text (`unknown` when absent). */
  policyFile: string;
  policyVersion: PyValue;
  /** `failure_gate`: absent (undefined), null or its value. */
  gate: PyValue | undefined;
  /** `timestamp` in epoch seconds (the schema makes it an integer), for the period a report covers. */
  timestamp: number | null;
  /** With `lineage`: the artifact's key and declared parents, or why it has no key. */
  lineage?: {key: string; parents: string[]} | {keyError: string};
  /** With `keepArtifacts` (this thread only: the value model does not cross threads). */
  artifact?: PyDict;
}

export type TrailLineFacts = InvalidLineFacts | ArtifactFacts;

export interface ClassifyOptions {
  lineage?: boolean;
  keepArtifacts?: boolean;
}

let artifactSchema: CompiledSchema | undefined;

/** The shipped audit artifact schema, compiled once (Draft-07, no format checks, as `jsonschema.validate`). */
export function auditArtifactSchema(): CompiledSchema {
  artifactSchema ??= compileSchema(readShippedSchema('audit-artifact'), {defaultDraft: 'draft7'});
  return artifactSchema;
}

/** Classifies the records of lines read with its `parse`. */
export class ArtifactClassifier {
  /** The last value `parse` read natively: plain JSON, which Ajv may be given as it is. */
  private nativeValue: PyValue | undefined = undefined;

  constructor(private readonly options: ClassifyOptions = {}) {}

  /** Parses a line as `json.loads` would, natively wherever that is exact. Throws `JsonSyntaxError`. */
  readonly parse = (text: string): PyValue => {
    const native = parseNatively(text);
    if (native !== undefined) {
      this.nativeValue = native;
      return native;
    }
    return parseJsonExactly(text);
  };

  classify(record: JsonlRecord): TrailLineFacts {
    const line = record.line;
    if (record.kind === 'invalid') return {kind: 'invalid', line, reason: record.reason, message: record.message};
    const artifact = record.value;
    if (!isDict(artifact)) return {kind: 'invalid', line, reason: 'not-object', message: 'not a JSON object'};
    const plain = artifact === this.nativeValue ? artifact : toPlain(artifact);
    if (!validateAuditArtifact(plain)) {
      const schema = auditArtifactSchema();
      if (!schema.isValid(artifact)) {
        const error = bestMatch(schema.iterErrors(artifact));
        return {kind: 'invalid', line, reason: 'schema', message: error?.message ?? 'not a valid audit artifact'};
      }
    }
    const facts: ArtifactFacts = {
      kind: 'artifact',
      line,
      result: dictGet(artifact, 'enforcement_result'),
      policyFile: stringOr(dictGet(artifact, 'policy_file'), 'unknown'),
      policyVersion: dictGet(artifact, 'policy_version') ?? null,
      gate: dictGet(artifact, 'failure_gate'),
      timestamp: epochSeconds(dictGet(artifact, 'timestamp')),
    };
    if (this.options.lineage) facts.lineage = lineageFacts(artifact);
    if (this.options.keepArtifacts) facts.artifact = artifact;
    return facts;
  }
}

function lineageFacts(artifact: PyDict): {key: string; parents: string[]} | {keyError: string} {
  let key: string;
  try {
    key = lineageKey(artifact);
  } catch (error) {
    return {keyError: error instanceof Error ? error.message : String(error)};
  }
  // The schema admits only lists of strings here, so this cannot throw for a valid artifact.
  return {key, parents: declaredParents(artifact)};
}

function epochSeconds(value: PyValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return value instanceof PyFloat ? value.value : null;
}

function stringOr(value: PyValue | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : String(value);
}

/** The facts of a batch's lines, in order, and whether the batch starts a file with a BOM. */
export interface BatchFacts {
  bom: boolean;
  facts: TrailLineFacts[];
}

/** Classifies every line of a batch (each record as soon as it is read, so native values are known as such). */
export function classifyBatch(batch: LineBatch, classifier: ArtifactClassifier, maxLineBytes?: number): BatchFacts {
  const facts: TrailLineFacts[] = [];
  for (const record of batchTrailRecords(batch, classifier.parse, maxLineBytes)) facts.push(classifier.classify(record));
  return {bom: batchStartsWithBom(batch), facts};
}
