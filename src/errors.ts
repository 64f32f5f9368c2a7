// The reference's error taxonomy: class names appear verbatim in artifacts
// (`failures[].code`), codes and details in library results.

import type {PyDict, PyValue} from './python/values.js';

export type ErrorDetails = Record<string, PyValue | undefined>;

/** Base class of every governance error; `auditArtifact` is set when enforcement fails. */
export class AigcError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;
  auditArtifact: PyDict | null = null;

  constructor(message: string, code: string, details?: ErrorDetails | null) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details ?? {};
  }

  /** The Python class name, which artifacts record as `failures[].code`. */
  get className(): string {
    return (this.constructor as {pythonName?: string}).pythonName ?? this.constructor.name;
  }

  static readonly pythonName: string = 'AIGCError';
}

export class GovernanceViolationError extends AigcError {
  static override readonly pythonName: string = 'GovernanceViolationError';
  constructor(message: string, details?: ErrorDetails | null, code = 'GOVERNANCE_VIOLATION') {
    super(message, code, details);
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
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, details, 'POLICY_LOAD_ERROR');
  }
}

export class PolicyValidationError extends GovernanceViolationError {
  static override readonly pythonName: string = 'PolicyValidationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, details, 'POLICY_SCHEMA_VALIDATION_ERROR');
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
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'CONDITION_RESOLUTION_ERROR', details);
  }
}

export class GuardEvaluationError extends AigcError {
  static override readonly pythonName: string = 'GuardEvaluationError';
  constructor(message: string, details?: ErrorDetails | null) {
    super(message, 'GUARD_EVALUATION_ERROR', details);
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
