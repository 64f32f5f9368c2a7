// Exception → `failure_gate`, in the reference's order, with the deliberate
// difference that postcondition failures are classified by kind rather than
// by the word "role" in their message.

import {
  type AigcError,
  AuditSinkError,
  ConditionResolutionError,
  CustomGateViolationError,
  FeatureNotImplementedError,
  GovernanceViolationError,
  GuardEvaluationError,
  InvocationValidationError,
  PolicyLoadError,
  PolicyValidationError,
  PreconditionError,
  RiskThresholdError,
  SchemaValidationError,
  ToolConstraintViolationError,
} from '../errors.js';

export function failureGateOf(error: AigcError): string {
  if (error instanceof FeatureNotImplementedError) return 'feature_not_implemented';
  if (error instanceof InvocationValidationError) return 'invocation_validation';
  if (error instanceof PolicyValidationError) {
    return Object.hasOwn(error.details, 'invalid_mode') ? 'risk_scoring' : 'invocation_validation';
  }
  if (error instanceof PolicyLoadError) return 'invocation_validation';
  if (error instanceof GuardEvaluationError) return 'guard_evaluation';
  if (error instanceof ConditionResolutionError) return 'condition_resolution';
  if (error instanceof AuditSinkError) return 'sink_emission';
  if (error instanceof RiskThresholdError) return 'risk_scoring';
  if (error instanceof ToolConstraintViolationError) return 'tool_validation';
  if (error instanceof PreconditionError) return 'precondition_validation';
  if (error instanceof SchemaValidationError) return 'schema_validation';
  if (error instanceof CustomGateViolationError) return 'custom_gate_violation';
  if (error instanceof GovernanceViolationError) {
    if (error.code === 'POSTCONDITION_FAILED' || error.code === 'UNSUPPORTED_POSTCONDITION') {
      return 'postcondition_validation';
    }
    return error.message.toLowerCase().includes('role') ? 'role_validation' : 'postcondition_validation';
  }
  return 'invocation_validation';
}
