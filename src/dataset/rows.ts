// One dataset row from one line of a trail: where the line is (file, line,
// leaf of the checkpoint log) and, for a valid artifact, its fields as the
// typed columns of schemas/parquet_dataset.schema.json.
//
// Parquet strings are UTF-8, so a lone surrogate (which Python's json accepts)
// becomes U+FFFD; an integer beyond 64 bits becomes null; NaN and infinities
// are kept (DuckDB reads them from the strings written here).

import {canonicalJson} from '../canonical/canonical.js';
import {pyJsonDumps} from '../canonical/dumps.js';
import type {TrailLineFacts} from '../report/artifact-facts.js';
import {dictGet, isDict, isList, type PyDict, type PyValue, PyFloat} from '../python/values.js';
import type {ParquetDatasetRow} from '../types/generated/index.js';

/** Where a row's line is. */
export interface RowPlace {
  sourceIndex: number;
  sourceFile: string;
  lineRecord: number;
  /** The line's leaf in the trail's log, or null for a line that is not one. */
  leaf: {index: number; hash: string} | null;
  exportRun: number;
}

/** A row as written to DuckDB: the generated row type, with the JSON-safe numbers and strings used here. */
export type DatasetRow = {[K in keyof ParquetDatasetRow]: unknown};

export function datasetRow(facts: TrailLineFacts, place: RowPlace): DatasetRow {
  const row: DatasetRow = {
    source_index: place.sourceIndex,
    source_file: text(place.sourceFile),
    line_number: facts.line,
    line_record: place.lineRecord,
    leaf_index: place.leaf?.index ?? null,
    leaf_hash: place.leaf?.hash ?? null,
    valid: facts.kind === 'artifact',
    invalid_reason: facts.kind === 'invalid' ? facts.reason : null,
    invalid_message: facts.kind === 'invalid' ? text(facts.message) : null,
    export_run: place.exportRun,
  };
  if (facts.kind === 'artifact' && facts.artifact) Object.assign(row, artifactColumns(facts.artifact));
  return row;
}

function artifactColumns(artifact: PyDict): Partial<DatasetRow> {
  const field = (key: string) => dictGet(artifact, key);
  const timestamp = int64(field('timestamp'));
  const policyFile = string(field('policy_file'));
  return {
    audit_schema_version: string(field('audit_schema_version')),
    policy_file: policyFile,
    policy_schema_version: string(field('policy_schema_version')),
    policy_version: string(field('policy_version')),
    model_provider: string(field('model_provider')),
    model_identifier: string(field('model_identifier')),
    role: string(field('role')),
    enforcement_result: string(field('enforcement_result')),
    failures: failures(field('failures')),
    failure_gate: string(field('failure_gate')),
    failure_gate_present: field('failure_gate') !== undefined,
    failure_reason: string(field('failure_reason')),
    input_checksum: string(field('input_checksum')),
    output_checksum: string(field('output_checksum')),
    timestamp,
    context_json: jsonText(field('context')),
    metadata: metadata(field('metadata')),
    metadata_json: jsonText(field('metadata')),
    risk_score: double(field('risk_score')),
    signature: string(field('signature')),
    provenance: provenance(field('provenance')),
    chain_id: string(field('chain_id')),
    chain_index: int64(field('chain_index')),
    previous_audit_checksum: string(field('previous_audit_checksum')),
    checksum: string(field('checksum')),
    dt: timestamp === null ? null : utcDay(Number(timestamp)),
    policy: policyFile,
  };
}

function failures(value: PyValue | undefined): unknown {
  if (!isList(value)) return null;
  return value.filter(isDict).map((failure) => ({
    code: string(dictGet(failure, 'code')),
    message: string(dictGet(failure, 'message')),
    field: string(dictGet(failure, 'field')),
  }));
}

function metadata(value: PyValue | undefined): unknown {
  if (!isDict(value)) return null;
  return {
    enforcement_mode: string(dictGet(value, 'enforcement_mode')),
    pre_call_gates_evaluated: strings(dictGet(value, 'pre_call_gates_evaluated')),
    post_call_gates_evaluated: strings(dictGet(value, 'post_call_gates_evaluated')),
    pre_call_timestamp: int64(dictGet(value, 'pre_call_timestamp')),
    post_call_timestamp: int64(dictGet(value, 'post_call_timestamp')),
  };
}

function provenance(value: PyValue | undefined): unknown {
  if (!isDict(value)) return null;
  return {
    source_ids: strings(dictGet(value, 'source_ids')),
    derived_from_audit_checksums: strings(dictGet(value, 'derived_from_audit_checksums')),
    compilation_source_hash: string(dictGet(value, 'compilation_source_hash')),
  };
}

function text(value: string): string {
  return value.toWellFormed();
}

function string(value: PyValue | undefined): string | null {
  return typeof value === 'string' ? text(value) : null;
}

function strings(value: PyValue | undefined): string[] | null {
  return isList(value) ? value.filter((item) => typeof item === 'string').map(text) : null;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** An integer as JSON: a number when exact, else its digits (DuckDB casts them); null beyond 64 bits. */
function int64(value: PyValue | undefined): number | string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return Number.isSafeInteger(value) ? value : BigInt(value).toString();
  if (typeof value === 'bigint') return value <= INT64_MAX && value >= INT64_MIN ? value.toString() : null;
  return null;
}

function double(value: PyValue | undefined): number | string | null {
  const number = value instanceof PyFloat ? value.value : typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number') return null;
  return Number.isFinite(number) ? number : String(number);
}

function jsonText(value: PyValue | undefined): string | null {
  if (value === undefined) return null;
  try {
    return text(canonicalJson(value));
  } catch {
    // NaN, infinities and lone surrogates have no canonical form: Python's own text then.
    return text(pyJsonDumps(value));
  }
}

const MAX_DATE_MS = 8.64e15;

function utcDay(seconds: number): string | null {
  const ms = seconds * 1000;
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString().slice(0, 10) : null;
}
