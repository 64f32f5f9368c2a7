// Invocation validation in the reference's order and wording.

import {InvocationValidationError} from '../errors.js';
import {hasKey, isDict, PyDate, PyDateTime, PyFloat, type PyDict, type PyValue, pyTypeName, pyKeys} from '../python/values.js';

export const REQUIRED_CORE_KEYS = ['policy_file', 'model_provider', 'model_identifier', 'role', 'input', 'context'] as const;
const STRING_KEYS = ['policy_file', 'model_provider', 'model_identifier', 'role'] as const;
const OBJECT_KEYS = ['input', 'context'] as const;

/**
 * Why `json.dumps(value, allow_nan=False)` would fail, or null. Lone
 * surrogates are refused too: the reference accepts them here and then
 * crashes computing the checksum, leaving no artifact.
 */
export function jsonSerializationProblem(value: PyValue, checkSurrogates: boolean): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'Out of range float values are not JSON compliant';
  if (typeof value === 'string') return checkSurrogates && !value.isWellFormed() ? 'surrogates not allowed' : null;
  if (value instanceof PyDate || value instanceof PyDateTime) return `Object of type ${pyTypeName(value)} is not JSON serializable`;
  if (value === null || typeof value !== 'object' || value instanceof PyFloat) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonSerializationProblem(item, checkSurrogates);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of pyKeys(value)) {
    if (checkSurrogates && !key.isWellFormed()) return 'surrogates not allowed';
    const problem = jsonSerializationProblem(value[key], checkSurrogates);
    if (problem) return problem;
  }
  return null;
}

/**
 * How deeply `input` and `output` may nest (the field's own mapping is level
 * 1). Beyond it the reference's checksum normalisation exceeds Python's
 * recursion limit (1000 frames, two per level) under `enforce_invocation`,
 * PASS or FAIL alike, and leaves no artifact.
 */
export const MAX_CHECKSUM_NESTING = 495;

function nestsDeeperThan(value: PyValue, limit: number): boolean {
  if (Array.isArray(value)) return limit === 0 || value.some((child) => nestsDeeperThan(child, limit - 1));
  if (!isDict(value)) return false;
  if (limit === 0) return true;
  for (const key in value) if (nestsDeeperThan(value[key], limit - 1)) return true;
  return false;
}

/** Unified enforcement refuses `input` or `output` nested beyond MAX_CHECKSUM_NESTING. */
export function checkChecksumNesting(invocation: PyDict): void {
  for (const key of ['input', 'output']) {
    if (nestsDeeperThan(invocation[key], MAX_CHECKSUM_NESTING)) {
      throw new InvocationValidationError(
        `Invocation field '${key}' is nested more than ${MAX_CHECKSUM_NESTING} levels deep`,
        {field: key},
      );
    }
  }
}

function checkSerializable(invocation: PyDict, key: string): void {
  const problem = jsonSerializationProblem(invocation[key], key !== 'context');
  if (problem) {
    throw new InvocationValidationError(`Invocation field '${key}' is not JSON-serializable: ${problem}`, {field: key});
  }
}

/** Checks shared by unified and pre-call invocations; narrows to a mapping. */
export function validateInvocationCore(invocation: PyValue | undefined): asserts invocation is PyDict {
  if (!isDict(invocation)) {
    throw new InvocationValidationError('Invocation must be a mapping object', {received_type: pyTypeName(invocation)});
  }
  const missing = REQUIRED_CORE_KEYS.filter((key) => !hasKey(invocation, key));
  if (missing.length > 0) {
    throw new InvocationValidationError('Invocation is missing required fields', {missing_fields: missing});
  }
  for (const key of STRING_KEYS) {
    const value = invocation[key];
    if (typeof value !== 'string' || value.length === 0) {
      throw new InvocationValidationError(`Invocation field '${key}' must be a non-empty string`, {field: key});
    }
  }
  for (const key of OBJECT_KEYS) {
    if (!isDict(invocation[key])) {
      throw new InvocationValidationError(`Invocation field '${key}' must be an object`, {field: key});
    }
  }
  for (const key of OBJECT_KEYS) checkSerializable(invocation, key);
}

/** A complete unified invocation (with `output`). */
export function validateInvocation(invocation: PyValue | undefined): asserts invocation is PyDict {
  validateInvocationCore(invocation);
  if (!hasKey(invocation, 'output')) {
    throw new InvocationValidationError('Invocation is missing required fields', {missing_fields: ['output']});
  }
  if (!isDict(invocation.output)) {
    throw new InvocationValidationError("Invocation field 'output' must be an object", {field: 'output'});
  }
  checkSerializable(invocation, 'output');
}
