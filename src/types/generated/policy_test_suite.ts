/**
 * Generated from schemas/policy_test_suite.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyDict, PyFloat, PyValue} from '../../python/values.js';

/**
 * A test suite for `aigc policy test`: invocations run against a policy, each with the verdict it should get.
 */
export type PolicyTestSuite = {
  /**
   * Name of the suite shown in reports; defaults to the file name.
   */
  suite?: string;
  /**
   * Free text for people reading the suite.
   */
  description?: string;
  /**
   * Policy every case runs against unless it names its own (or `defaults` give a `policy_file`), relative to this file.
   */
  policy?: string;
  now?: FixedClock;
  defaults?: InvocationFields;
  /**
   * The test cases, run in order.
   */
  cases: PolicyTestSuiteCase[];
};
/**
 * A fixed instant for artifact timestamps and policy date checks: Unix epoch seconds, or an ISO-8601 date or date-time (UTC when it has no offset). Quote a date-time in YAML so that it stays a string.
 */
export type FixedClock = number | bigint | PyFloat | string;
/**
 * Some or all fields of an invocation. Every field takes any JSON value, so that invalid invocations (refused at `invocation_validation`) can be tested as well as incomplete ones; invocation.schema.json says what a valid invocation holds. A `policy_file` here is read as enforcement reads it: relative to the working directory, or confined to `--policy-root`.
 */
export type InvocationFields = PyDict & {
  /**
   * Path of the policy (YAML) that governs the call, relative to the working directory unless absolute (a string in a valid invocation).
   */
  policy_file?: PyValue;
  /**
   * Who serves the model, for example `openai` or `internal` (a non-empty string in a valid invocation).
   */
  model_provider?: PyValue;
  /**
   * Which model is called, for example `gpt-4` (a non-empty string in a valid invocation).
   */
  model_identifier?: PyValue;
  /**
   * Role the caller acts in (in a valid invocation, a string naming one of the policy's roles).
   */
  role?: PyValue;
  /**
   * What was sent to the model (an object in a valid invocation). Its canonical JSON is hashed into the artifact's `input_checksum`.
   */
  input?: PyValue;
  /**
   * Facts about the call read by preconditions, conditions, guards and risk factors (an object in a valid invocation; `context.provenance` is copied into the artifact's provenance).
   */
  context?: PyValue;
  /**
   * What the model returned (an object in a valid invocation), checked against the policy's `output_schema`. Required for unified enforcement.
   */
  output?: PyValue;
  /**
   * Tool calls made by the model (in a valid invocation, a list of objects with a `name`), checked against the policy's `tools.allowed_tools`.
   */
  tool_calls?: PyValue;
};
/**
 * A test case, in our shape or in the Python reference's `PolicyTestCase` shape. A case with any of `input_data`, `output_data`, `expected_outcome`, `expected_gate` or `expected_error_type` is in the reference's shape, as is one with `policy_file` and none of our shape's own keys (`policy`, `input`, `output`, `tool_calls`, `expect`); any other case is in ours. A case may not mix the two shapes' own keys.
 */
export type PolicyTestSuiteCase = PolicyTestCase | ReferencePolicyTestCase;
/**
 * A test case: the invocation, given whole as `invocation` or as separate fields, and the verdict expected. The suite's `defaults` are merged under either form. Fields left out stay out of the invocation.
 */
export type PolicyTestCase = {
  /**
   * Name of the case shown in reports and matched by `--run`.
   */
  name: string;
  /**
   * Free text for people reading the case.
   */
  description?: string;
  /**
   * Policy for this case instead of the suite's, relative to the suite file. Fills in the invocation's `policy_file` unless a whole `invocation` gives its own.
   */
  policy?: string;
  /**
   * The same as `policy` (the reference's name for it): relative to the suite file. Not given together with `policy`.
   */
  policy_file?: string;
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
   * Who serves the model, for example `openai` or `internal` (a non-empty string in a valid invocation).
   */
  model_provider?: PyValue;
  /**
   * Which model is called, for example `gpt-4` (a non-empty string in a valid invocation).
   */
  model_identifier?: PyValue;
  /**
   * Role the caller acts in (in a valid invocation, a string naming one of the policy's roles).
   */
  role?: PyValue;
  /**
   * What was sent to the model (an object in a valid invocation). Its canonical JSON is hashed into the artifact's `input_checksum`.
   */
  input?: PyValue;
  /**
   * Facts about the call read by preconditions, conditions, guards and risk factors (an object in a valid invocation; `context.provenance` is copied into the artifact's provenance).
   */
  context?: PyValue;
  /**
   * What the model returned (an object in a valid invocation), checked against the policy's `output_schema`. Required for unified enforcement.
   */
  output?: PyValue;
  /**
   * Tool calls made by the model (in a valid invocation, a list of objects with a `name`), checked against the policy's `tools.allowed_tools`.
   */
  tool_calls?: PyValue;
  expect?: Expectation;
};
/**
 * What a case should produce: `pass` or `fail`, or an object that also pins the failure and parts of the artifact.
 */
export type Expectation = ('pass' | 'fail') | DetailedExpectation;
/**
 * The verdict and, optionally, the failure gate, error code, reason and artifact fields.
 */
export type DetailedExpectation = {
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
  artifact?: PyDict;
};
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
 * A test case in the Python reference's `PolicyTestCase` shape. Fields left out take the reference's defaults: role `planner`, model provider `test-provider`, model identifier `test-model`, empty input, output and context (suite `defaults` come first). The expected outcome is `pass` unless `expected_outcome` says otherwise.
 */
export type ReferencePolicyTestCase = {
  /**
   * Name of the case shown in reports and matched by `--run`.
   */
  name: string;
  /**
   * Free text for people reading the case.
   */
  description?: string;
  /**
   * Policy the case runs against, relative to the suite file (like `policy` in our shape); defaults to the suite's `policy`.
   */
  policy_file?: string;
  now?: FixedClock;
  invocation?: InvocationFields;
  /**
   * Role the caller acts in (in a valid invocation, a string naming one of the policy's roles).
   */
  role?: PyValue;
  /**
   * Who serves the model, for example `openai` or `internal` (a non-empty string in a valid invocation).
   */
  model_provider?: PyValue;
  /**
   * Which model is called, for example `gpt-4` (a non-empty string in a valid invocation).
   */
  model_identifier?: PyValue;
  /**
   * The invocation's `input` (any JSON value); `{}` when left out, null or empty, as the reference's `input_data or {}` gives.
   */
  input_data?: PyValue;
  /**
   * The invocation's `output` (any JSON value); `{}` when left out, null or empty, as in the reference.
   */
  output_data?: PyValue;
  /**
   * The invocation's `context` (any JSON value); `{}` when left out, null or empty, as in the reference.
   */
  context?: PyValue;
  /**
   * Verdict the case should get; `pass` when left out.
   */
  expected_outcome?: 'pass' | 'fail';
  expected_gate?: FailureGate;
  /**
   * Class name of the error a failing case should raise, or of one of its base classes (an `isinstance` check, like the reference's `expect_fail`), for example `GovernanceViolationError`.
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
};
