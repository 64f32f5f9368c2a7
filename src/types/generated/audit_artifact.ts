/**
 * Generated from schemas/audit_artifact.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyDict, PyFloat} from '../../python/values.js';

/**
 * The audit record written for one enforced invocation, audit schema version 1.4. Constraints are on types, values and sizes only; there are no rules across fields.
 */
export type AuditArtifact = {
  /**
   * Version of this record format; `1.4` for artifacts written today. Any string is accepted so older records still validate.
   */
  audit_schema_version: string;
  /**
   * Policy path exactly as the invocation gave it.
   */
  policy_file: string;
  /**
   * Version of the policy DSL the policy was checked against.
   */
  policy_schema_version: string;
  /**
   * The policy's own `policy_version`.
   */
  policy_version: string;
  /**
   * Model provider named by the invocation.
   */
  model_provider: string;
  /**
   * Model named by the invocation.
   */
  model_identifier: string;
  /**
   * Role the invocation declared.
   */
  role: string;
  /**
   * Verdict of enforcement.
   */
  enforcement_result: 'PASS' | 'FAIL';
  /**
   * Failures behind a FAIL verdict; empty for PASS.
   *
   * @maxItems 1000
   */
  failures: {
    /**
     * Kind of failure, usually the error class name (`GovernanceViolationError`).
     */
    code: string;
    /**
     * What went wrong, with sensitive values redacted.
     */
    message: string;
    /**
     * Invocation field the failure is about, or null.
     */
    field: string | null;
  }[];
  /**
   * Gate at which enforcement stopped; null when the invocation passed.
   */
  failure_gate?:
    | null
    | 'invocation_validation'
    | 'role_validation'
    | 'precondition_validation'
    | 'schema_validation'
    | 'postcondition_validation'
    | 'feature_not_implemented'
    | 'tool_validation'
    | 'guard_evaluation'
    | 'condition_resolution'
    | 'sink_emission'
    | 'risk_scoring'
    | 'custom_gate_violation'
    | 'wrapped_function_error';
  /**
   * Redacted message of the failure; null when the invocation passed.
   */
  failure_reason?: string | null;
  /**
   * SHA-256 (lowercase hex) of the canonical JSON of the invocation's input.
   */
  input_checksum: string;
  /**
   * SHA-256 (lowercase hex) of the canonical JSON of the invocation's output.
   */
  output_checksum: string;
  /**
   * When the artifact was made, in Unix epoch seconds.
   */
  timestamp: number | bigint | PyFloat;
  /**
   * The invocation's context, kept for audit consumers (session, tenant …).
   */
  context: PyDict;
  /**
   * Evidence gathered by the gates (gates evaluated, preconditions satisfied, risk scoring …); other keys are free-form.
   */
  metadata: PyDict & {
    /**
     * How enforcement ran: in one step, in two phases, or stopped after the first phase.
     */
    enforcement_mode?: 'unified' | 'split' | 'split_pre_call_only';
    /**
     * Gates completed before the model call, in order (split mode).
     *
     * @maxItems 1000
     */
    pre_call_gates_evaluated?: string[];
    /**
     * Gates completed after the model call, in order (split mode).
     *
     * @maxItems 1000
     */
    post_call_gates_evaluated?: string[];
    /**
     * Unix epoch seconds at which the pre-call phase finished.
     */
    pre_call_timestamp?: number | bigint | PyFloat;
    /**
     * Unix epoch seconds at which the post-call phase finished.
     */
    post_call_timestamp?: number | bigint | PyFloat;
  };
  /**
   * Risk score computed for the invocation, or null when the policy has no risk block.
   */
  risk_score?: number | bigint | PyFloat | null;
  /**
   * HMAC-SHA256 signature of the artifact, or null when unsigned.
   */
  signature?: string | null;
  /**
   * Where the invocation's material came from, taken from `context.provenance`; null or absent when not given.
   */
  provenance?: {
    /**
     * Invocations whose results fed this one.
     *
     * @minItems 1
     * @maxItems 1000
     */
    source_ids?: string[];
    /**
     * Checksums of earlier audit artifacts this invocation builds on.
     *
     * @minItems 1
     * @maxItems 1000
     */
    derived_from_audit_checksums?: string[];
    /**
     * Hash, supplied by the orchestrator, of the source material compiled into the input.
     */
    compilation_source_hash?: string;
  } | null;
  /**
   * Identifier of the hash chain holding this artifact.
   */
  chain_id?: string | null;
  /**
   * Position of this artifact in its chain, from 0.
   */
  chain_index?: number | bigint | PyFloat | null;
  /**
   * Checksum of the previous artifact in the chain; null for the first.
   */
  previous_audit_checksum?: string | null;
  /**
   * SHA-256 of this artifact's canonical form, set when it is chained.
   */
  checksum?: string | null;
};
