// The reference's error taxonomy: class names appear verbatim in artifacts
// (`failures[].code`), codes and details in library results. A typed
// `reason` says more finely why a policy cannot be used; it is ours (the
// reference has no such field), so it is never written to an artifact, and
// code that reacts to an error switches on it, never on the message's words.

import type {PyDict, PyValue} from './python/values.js';
import type {SourceLocation} from './source-location.js';

export type ErrorDetails = Record<string, PyValue | undefined>;

/** Why a policy (or a guard or condition in it) cannot be used. */
export type PolicyErrorReason =
  // finding the file
  /** the path does not end in .yaml or .yml */
  | 'not-yaml-path'
  /** the policy file does not exist */
  | 'file-missing'
  /** the base a policy extends does not exist */
  | 'missing-base'
  /** the path names a folder or something else that is not a file */
  | 'not-a-file'
  /** the path resolves outside the policy root */
  | 'outside-policy-root'
  // reading it
  /** permissions, an I/O error, a folder or pipe where a file was expected */
  | 'file-unreadable'
  | 'file-too-large'
  | 'not-utf8'
  | 'yaml-syntax'
  | 'root-not-mapping'
  // its content
  /** the policy (or the composed policy) does not match the policy schema */
  | 'schema-violation'
  /** effective_date or expiration_date is not a valid date */
  | 'invalid-effective-date'
  | 'invalid-expiration-date'
  /** effective_date is after expiration_date */
  | 'date-order'
  | 'not-yet-active'
  | 'expired'
  // composition
  | 'extends-not-string'
  | 'cyclic-extends'
  | 'invalid-composition-strategy'
  /** the composed policy adds roles the base does not have */
  | 'composition-escalation'
  /** the composed policy drops postconditions the base requires */
  | 'composition-weakening'
  /** a custom PolicyLoader threw */
  | 'custom-loader-failed'
  // enforcing it
  | 'strict-mode'
  | 'invalid-risk-config'
  /** anything else a malformed policy makes fail (the reference fails closed) */
  | 'not-enforceable'
  // guards and conditions
  | 'guard-syntax'
  | 'unknown-condition'
  | 'non-numeric-comparison'
  | 'condition-not-boolean'
  | 'required-condition-missing';

/** What an error carries besides the reference's message and details. */
export interface ErrorContext {
  reason?: PolicyErrorReason;
  location?: SourceLocation;
  /** The resolved path a file problem is about (the reference's details keep only the path as written). */
  path?: string;
}

/** Base class of every governance error; `auditArtifact` is set when enforcement fails. */
export class AigcError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;
  /** Why, for code that reacts to the error; absent where the reference's class says it all (a gate's violation, a user's own error). */
  readonly reason?: PolicyErrorReason;
  /** Where in a file the problem is, when known. */
  readonly location?: SourceLocation;
  /** The resolved path a file problem is about, when there is one. */
  readonly path?: string;
  auditArtifact: PyDict | null = null;

  constructor(message: string, code: string, details?: ErrorDetails | null, context: ErrorContext = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details ?? {};
    this.reason = context.reason;
    this.location = context.location;
    if (context.path !== undefined) this.path = context.path;
  }

  /** The Python class name, which artifacts record as `failures[].code`. */
  get className(): string {
    return (this.constructor as {pythonName?: string}).pythonName ?? this.constructor.name;
  }

  static readonly pythonName: string = 'AIGCError';
}

/**
 * The error's message with what the reference keeps only in its details: the
 * resolved path that was looked for (`Policy file does not exist:
 * /abs/nope.yaml`), the fields that are missing (`Invocation is missing
 * required fields: role, input`). For command-line messages; artifacts keep
 * the reference's message.
 */
export function describeError(error: AigcError): string {
  if (error.path !== undefined && !error.message.includes(error.path)) return `${error.message}: ${error.path}`;
  const missing = error.details.missing_fields;
  if (Array.isArray(missing) && missing.length > 0) return `${error.message}: ${missing.map(String).join(', ')}`;
  return error.message;
}

export class GovernanceViolationError extends AigcError {
  static override readonly pythonName: string = 'GovernanceViolationError';
  constructor(message: string, details?: ErrorDetails | null, code = 'GOVERNANCE_VIOLATION', context?: ErrorContext) {
    super(message, code, details, context);
  }
}

export class InvocationValidationError extends GovernanceViolationError {
  static override readonly pythonName: string = 'InvocationValidationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, details, 'INVOCATION_VALIDATION_ERROR');
  }
}

export class PolicyLoadError extends GovernanceViolationError {
  static override readonly pythonName: string = 'PolicyLoadError';
  constructor(message: string, details?: ErrorDetails | null, context?: ErrorContext) {
    super(message, details, 'POLICY_LOAD_ERROR', context);
  }
}

export class PolicyValidationError extends GovernanceViolationError {
  static override readonly pythonName: string = 'PolicyValidationError';
  constructor(message: string, details?: ErrorDetails | null, context?: ErrorContext) {
    super(message, details, 'POLICY_SCHEMA_VALIDATION_ERROR', context);
  }
}

export class FeatureNotImplementedError extends GovernanceViolationError {
  static override readonly pythonName: string = 'FeatureNotImplementedError';
  constructor(feature: string) {
    super(`Policy feature not implemented: ${feature}`, {feature}, 'FEATURE_NOT_IMPLEMENTED');
  }
}

export class ToolConstraintViolationError extends GovernanceViolationError {
  static override readonly pythonName: string = 'ToolConstraintViolationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, details, 'TOOL_CONSTRAINT_VIOLATION');
  }
}

export class CustomGateViolationError extends GovernanceViolationError {
  static override readonly pythonName: string = 'CustomGateViolationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, details, 'CUSTOM_GATE_VIOLATION');
  }
}

export class SchemaValidationError extends AigcError {
  static override readonly pythonName: string = 'SchemaValidationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'OUTPUT_SCHEMA_VALIDATION_ERROR', details);
  }
}

export class PreconditionError extends AigcError {
  static override readonly pythonName: string = 'PreconditionError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'PRECONDITION_FAILED', details);
  }
}

export class ConditionResolutionError extends AigcError {
  static override readonly pythonName: string = 'ConditionResolutionError';
  constructor(message: string, details?: ErrorDetails | null, context?: ErrorContext) {
    super(message, 'CONDITION_RESOLUTION_ERROR', details, context);
  }
}

export class GuardEvaluationError extends AigcError {
  static override readonly pythonName: string = 'GuardEvaluationError';
  constructor(message: string, details?: ErrorDetails | null, context?: ErrorContext) {
    super(message, 'GUARD_EVALUATION_ERROR', details, context);
  }
}

export class AuditSinkError extends AigcError {
  static override readonly pythonName: string = 'AuditSinkError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'AUDIT_SINK_ERROR', details);
  }
}

export class RiskThresholdError extends AigcError {
  static override readonly pythonName: string = 'RiskThresholdError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'RISK_THRESHOLD_EXCEEDED', details);
  }
}

export class RetryExhaustedError extends AigcError {
  static override readonly pythonName: string = 'RetryExhaustedError';
  constructor(
    readonly attempts: number,
    readonly lastError: AigcError,
  ) {
    super(`Retry exhausted after ${attempts} attempts`, 'RETRY_EXHAUSTED', {
      attempts,
      last_error: lastError.message,
      last_error_type: lastError.className,
    });
  }
}
