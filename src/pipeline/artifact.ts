// Audit artifact assembly (schema 1.4): field order, failure normalisation
// and ordering, truncation limits, provenance normalisation.

import {canonicalJson, checksum} from '../canonical/index.js';
import {pyStr} from '../python/repr.js';
import {compareCodePoints, pyTruthy} from '../python/semantics.js';
import {copyDict, defineKey, dictGet, isDict, type PyDict, pyKeys, type PyValue} from '../python/values.js';
import type {AuditArtifact} from '../types/generated/index.js';
import {jsonSerializationProblem} from './invocation.js';

export const AUDIT_SCHEMA_VERSION = '1.4';
export const POLICY_SCHEMA_VERSION = 'http://json-schema.org/draft-07/schema#';
export const MAX_FAILURES = 1000;
export const MAX_METADATA_KEYS = 100;
export const MAX_CONTEXT_KEYS = 100;
const MAX_PROVENANCE_ITEMS = 1000;
/** Python `re.match(r"^[a-f0-9]{64}$")`: `$` also matches before a final newline. */
const HEX64 = /^[a-f0-9]{64}\n?$/;

export interface FailureEntry {
  code?: PyValue;
  message?: PyValue;
  field?: PyValue;
  [extra: string]: PyValue | undefined;
}

export interface ArtifactInput {
  /** policy_file, model_provider, model_identifier, role, input, output, context */
  invocation: PyDict;
  /** The policy whose `policy_version` is recorded (`{}` when none loaded). */
  policy: PyDict;
  enforcementResult: 'PASS' | 'FAIL';
  failures?: FailureEntry[] | null;
  failureGate?: string | null;
  failureReason?: string | null;
  metadata?: PyDict;
  timestamp: number;
  riskScore?: PyValue;
  provenance?: PyValue;
}

/**
 * `generate_audit_artifact`. The fields are what the invocation and policy
 * hold; an artifact of a checked invocation, or of the placeholders of one
 * that failed its checks, is an `AuditArtifact` (test/schemas validates them).
 */
export function generateAuditArtifact(input: ArtifactInput): AuditArtifact {
  const {invocation} = input;
  const artifact: PyDict = {
    audit_schema_version: AUDIT_SCHEMA_VERSION,
    policy_file: invocation.policy_file,
    policy_schema_version: POLICY_SCHEMA_VERSION,
    policy_version: truthyOr(dictGet(input.policy, 'policy_version'), 'unknown'),
    model_provider: invocation.model_provider,
    model_identifier: invocation.model_identifier,
    role: invocation.role,
    enforcement_result: input.enforcementResult,
    failures: normalizeFailures(input.failures).slice(0, MAX_FAILURES),
    failure_gate: input.failureGate ?? null,
    failure_reason: input.failureReason ?? null,
    input_checksum: checksum(invocation.input),
    output_checksum: checksum(invocation.output),
    context: firstKeys(isDict(invocation.context) ? invocation.context : {}, MAX_CONTEXT_KEYS),
    timestamp: Math.trunc(input.timestamp),
    metadata: firstKeys(input.metadata ?? {}, MAX_METADATA_KEYS),
    risk_score: input.riskScore ?? null,
    signature: null,
    provenance: safeProvenance(input.provenance),
  };
  return artifact as AuditArtifact;
}

function truthyOr(value: PyValue | undefined, fallback: string): PyValue {
  return pyTruthy(value) ? value! : fallback;
}

function firstKeys(dict: PyDict, limit: number): PyDict {
  const keys = pyKeys(dict);
  if (keys.length <= limit) return copyDict(dict);
  const out: PyDict = {};
  for (const key of keys.slice(0, limit)) defineKey(out, key, dict[key]);
  return out;
}

/** `_normalize_failures`: code/message/field as strings, sorted by canonical bytes. */
export function normalizeFailures(failures: FailureEntry[] | null | undefined): PyDict[] {
  if (!failures || failures.length === 0) return [];
  const normalized = failures.map((failure) => {
    const field = failure.field;
    return {
      code: pyStr(failure.code === undefined ? 'UNKNOWN' : failure.code),
      message: pyStr(failure.message === undefined ? '' : failure.message),
      field: field === undefined || field === null ? null : pyStr(field),
    } satisfies PyDict;
  });
  const keyed = normalized.map((entry) => ({entry, key: canonicalJson(entry)}));
  // UTF-8 byte order, which is code point order.
  keyed.sort((a, b) => compareCodePoints(a.key, b.key));
  return keyed.map(({entry}) => entry);
}

/** `_normalize_provenance`, with a normalisation failure recorded as `null` like the reference. */
export function safeProvenance(provenance: PyValue | undefined): PyValue {
  try {
    return normalizeProvenance(provenance);
  } catch {
    return null;
  }
}

export function normalizeProvenance(provenance: PyValue | undefined): PyDict | null {
  if (!isDict(provenance)) return null;
  const out: PyDict = {};
  for (const key of pyKeys(provenance)) {
    const value = provenance[key];
    if (value === null) continue;
    if (key === 'source_ids' || key === 'derived_from_audit_checksums') {
      if (!Array.isArray(value)) continue;
      for (const item of value) {
        if (jsonSerializationProblem(item, false)) throw new RangeError('provenance item is not JSON-serializable');
      }
      const kept = value.filter((item): item is string =>
        key === 'source_ids' ? typeof item === 'string' && item.length > 0 : typeof item === 'string' && HEX64.test(item),
      );
      const unique = [...new Set(kept)].slice(0, MAX_PROVENANCE_ITEMS);
      if (unique.length > 0) out[key] = unique;
    } else if (key === 'compilation_source_hash') {
      if (jsonSerializationProblem(value, false)) throw new RangeError('provenance value is not JSON-serializable');
      if (typeof value === 'string' && HEX64.test(value)) out[key] = value;
    }
  }
  return pyKeys(out).length > 0 ? out : null;
}

/** The raw `context.provenance` mapping of an invocation, if any. */
export function contextProvenance(invocation: PyDict): PyValue {
  const context = dictGet(invocation, 'context');
  if (!isDict(context)) return null;
  const provenance = dictGet(context, 'provenance');
  return isDict(provenance) ? provenance : null;
}

export {checksum};
