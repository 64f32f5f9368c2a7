/**
 * Generated from schemas/policy_test_suite.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

/**
 * A fixed instant for artifact timestamps and policy date checks: Unix epoch seconds, or an ISO-8601 date or date-time (UTC when it has no offset). Quote a date-time in YAML so that it stays a string.
 */
export type FixedClock = number | string;
/**
 * Tool calls made by the model, checked against the policy's `tools.allowed_tools`.
 */
export type ToolCalls = ToolCall[];
/**
 * A test case, in our shape or in the Python reference's `PolicyTestCase` shape.
 */
export type PolicyTestSuiteCase = PolicyTestCase | ReferencePolicyTestCase;
/**
 * What a case should produce: `pass` or `fail`, or an object that also pins the failure and parts of the artifact.
 */
export type Expectation = ('pass' | 'fail') | DetailedExpectation;
/**
 * A gate at which enforcement can stop, as recorded in an artifact's `failure_gate`.
 */
export type FailureGate =
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
 * A test suite for `aigc policy test`: invocations run against a policy, each with the verdict it should get.
 */
export interface PolicyTestSuite {
  /**
   * Name of the suite shown in reports; defaults to the file name.
   */
  suite?: string;
  /**
   * Free text for people reading the suite.
   */
  description?: string;
  /**
   * Policy every case runs against unless it names its own, relative to this file.
   */
  policy?: string;
  now?: FixedClock;
  defaults?: InvocationFields;
  /**
   * The test cases, run in order.
   */
  cases: PolicyTestSuiteCase[];
}
/**
 * Some or all fields of an invocation, typed as in invocation.schema.json. Fields may be missing, so that incomplete invocations can be tested.
 */
export interface InvocationFields {
  /**
   * Path of the policy (YAML) that governs the call, relative to the working directory unless absolute.
   */
  policy_file?: string;
  /**
   * Who serves the model, for example `openai` or `internal`.
   */
  model_provider?: string;
  /**
   * Which model is called, for example `gpt-4`.
   */
  model_identifier?: string;
  /**
   * Role the caller acts in; must be one of the policy's roles.
   */
  role?: string;
  input?: InvocationInput;
  context?: InvocationContext;
  output?: InvocationOutput;
  tool_calls?: ToolCalls;
  [k: string]: unknown;
}
/**
 * What was sent to the model. Its canonical JSON is hashed into the artifact's `input_checksum`.
 */
export interface InvocationInput {
  [k: string]: unknown;
}
/**
 * Facts about the call read by preconditions, conditions, guards and risk factors (`context.provenance` is copied into the artifact's provenance).
 */
export interface InvocationContext {
  [k: string]: unknown;
}
/**
 * What the model returned, checked against the policy's `output_schema`. Required for unified enforcement; left out of a split pre-call invocation.
 */
export interface InvocationOutput {
  [k: string]: unknown;
}
/**
 * One tool call made by the model.
 */
export interface ToolCall {
  /**
   * Name of the tool called.
   */
  name: string;
  [k: string]: unknown;
}
/**
 * A test case: the invocation, given whole as `invocation` or as separate fields, and the verdict expected. The suite's `defaults` are merged under either form.
 */
export interface PolicyTestCase {
  /**
   * Name of the case shown in reports and matched by `--run`.
   */
  name: string;
  /**
   * Free text for people reading the case.
   */
  description?: string;
  /**
   * Policy for this case instead of the suite's, relative to the suite file.
   */
  policy?: string;
  now?: FixedClock;
  /**
   * Skip this case: `true`, or the reason as a string.
   */
  skip?: boolean | string;
  /**
   * When any case in the suite is marked `only`, run just those.
   */
  only?: boolean;
  invocation?: InvocationFields;
  /**
   * Path of the policy (YAML) that governs the call, relative to the working directory unless absolute.
   */
  policy_file?: string;
  /**
   * Who serves the model, for example `openai` or `internal`.
   */
  model_provider?: string;
  /**
   * Which model is called, for example `gpt-4`.
   */
  model_identifier?: string;
  /**
   * Role the caller acts in; must be one of the policy's roles.
   */
  role?: string;
  input?: InvocationInput;
  context?: InvocationContext;
  output?: InvocationOutput;
  tool_calls?: ToolCalls;
  expect?: Expectation;
}
/**
 * The verdict and, optionally, the failure gate, error code, reason and artifact fields.
 */
export interface DetailedExpectation {
  /**
   * The verdict.
   */
  result: 'pass' | 'fail';
  gate?: FailureGate;
  /**
   * Expected `failures[0].code` of the artifact: the error class name, for example `GovernanceViolationError`.
   */
  error?: string;
  /**
   * Text the artifact's `failure_reason` must contain, or a regular expression written between slashes (`/^Unauthorized/`).
   */
  reason?: string;
  /**
   * Part of the expected artifact: every key given must equal the actual artifact's, objects compared recursively as subsets.
   */
  artifact?: {
    [k: string]: unknown;
  };
}
/**
 * A test case in the Python reference's `PolicyTestCase` shape. Fields left out take the reference's defaults: role `planner`, model provider `test-provider`, model identifier `test-model`, empty input, output and context.
 */
export interface ReferencePolicyTestCase {
  /**
   * Name of the case shown in reports and matched by `--run`.
   */
  name: string;
  /**
   * Policy the case runs against, relative to the suite file; defaults to the suite's `policy`.
   */
  policy_file?: string;
  invocation?: InvocationFields;
  /**
   * Role the caller acts in; must be one of the policy's roles.
   */
  role?: string;
  /**
   * Who serves the model, for example `openai` or `internal`.
   */
  model_provider?: string;
  /**
   * Which model is called, for example `gpt-4`.
   */
  model_identifier?: string;
  /**
   * The invocation's `input`.
   */
  input_data?: {
    [k: string]: unknown;
  } | null;
  /**
   * The invocation's `output`.
   */
  output_data?: {
    [k: string]: unknown;
  } | null;
  /**
   * The invocation's `context`.
   */
  context?: {
    [k: string]: unknown;
  } | null;
  /**
   * Verdict the case should get; `pass` when left out.
   */
  expected_outcome?: 'pass' | 'fail';
  expected_gate?: FailureGate;
  /**
   * Class name of the error a failing case should raise, for example `GovernanceViolationError`.
   */
  expected_error_type?: string;
  /**
   * Skip this case: `true`, or the reason as a string.
   */
  skip?: boolean | string;
  /**
   * When any case in the suite is marked `only`, run just those.
   */
  only?: boolean;
}
