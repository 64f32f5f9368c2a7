/**
 * Generated from schemas/golden_fixture.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

/**
 * A golden replay fixture for `aigc replay`: a recorded invocation and what enforcing it should produce. Four shapes are accepted: ours, the Python reference's wrapped form, a bare invocation (compared with `--expected FILE`), and the `{"invocation", "artifact"}` records `aigc enforce --record` writes (one per line of a JSONL file).
 */
export type GoldenFixture = ReplayFixture | ReferenceWrappedFixture | BareInvocationFixture | RecordedFixture;
/**
 * A fixed instant for artifact timestamps and policy date checks: Unix epoch seconds, or an ISO-8601 date or date-time (UTC when it has no offset).
 */
export type FixedClock = number | string;
/**
 * An invocation on its own; the expected artifact comes from `--expected FILE`. Split pre-call invocations have no `output`.
 */
export type BareInvocationFixture = InvocationFields;

/**
 * Our fixture shape: a named invocation and the artifact it should produce.
 */
export interface ReplayFixture {
  /**
   * Where editors find this schema; ignored by `aigc replay`.
   */
  $schema?: string;
  /**
   * Name of the fixture shown in reports.
   */
  name: string;
  /**
   * Free text for people reading the fixture.
   */
  description?: string;
  /**
   * The invocation to enforce again, usually an object with the fields of `#/definitions/invocationFields`; any JSON value is taken (a non-object one is refused at `invocation_validation`).
   */
  invocation: unknown;
  /**
   * The artifact it should produce, whole or in part: every key given must equal the actual artifact's, objects compared recursively as subsets. Timestamps are ignored unless `--strict`. Written by `aigc replay --update` when absent.
   */
  expected?: {
    [k: string]: unknown;
  };
  now?: FixedClock;
  /**
   * Enforce in one step (`unified`, the default) or as a pre-call and a post-call phase (`split`).
   */
  mode?: 'unified' | 'split';
  /**
   * Model output (any JSON value) handed to the post-call phase in split mode, where the invocation itself has none; needed only when the pre-call phase passes.
   */
  output?: unknown;
}
/**
 * The Python reference's wrapped fixture: an invocation with the error it should raise and the artifact fields that must match.
 */
export interface ReferenceWrappedFixture {
  /**
   * What the fixture exercises.
   */
  description?: string;
  /**
   * The invocation to enforce again, usually an object with the fields of `#/definitions/invocationFields`; any JSON value is taken (a non-object one is refused at `invocation_validation`).
   */
  invocation: unknown;
  /**
   * Class name of the error enforcement should raise, compared exactly (a base class does not match), for example `GovernanceViolationError`; absent or null when it should pass.
   */
  expected_exception?: string | null;
  /**
   * The error's `code`, for example `ROLE_NOT_ALLOWED`.
   */
  expected_exception_code?: string | null;
  /**
   * Artifact fields that must equal the actual artifact's; objects compared as subsets.
   */
  expected_audit_artifact_stable_fields?: {
    [k: string]: unknown;
  };
  /**
   * Remarks for people reading the fixture.
   */
  notes?: string[];
}
/**
 * Some or all fields of an invocation. Every field takes any JSON value, so that invalid invocations (refused at `invocation_validation`) can be recorded as well as incomplete ones; invocation.schema.json says what a valid invocation holds.
 */
export interface InvocationFields {
  /**
   * Path of the policy (YAML) that governs the call, relative to the working directory (or `--root`) unless absolute (a string in a valid invocation).
   */
  policy_file?: unknown;
  /**
   * Who serves the model, for example `openai` or `internal` (a non-empty string in a valid invocation).
   */
  model_provider?: unknown;
  /**
   * Which model is called, for example `gpt-4` (a non-empty string in a valid invocation).
   */
  model_identifier?: unknown;
  /**
   * Role the caller acts in (in a valid invocation, a string naming one of the policy's roles).
   */
  role?: unknown;
  /**
   * What was sent to the model (an object in a valid invocation). Its canonical JSON is hashed into the artifact's `input_checksum`.
   */
  input?: unknown;
  /**
   * Facts about the call read by preconditions, conditions, guards and risk factors (an object in a valid invocation; `context.provenance` is copied into the artifact's provenance).
   */
  context?: unknown;
  /**
   * What the model returned (an object in a valid invocation), checked against the policy's `output_schema`. Required for unified enforcement; left out of a split pre-call invocation.
   */
  output?: unknown;
  /**
   * Tool calls made by the model (in a valid invocation, a list of objects with a `name`), checked against the policy's `tools.allowed_tools`.
   */
  tool_calls?: unknown;
  [k: string]: unknown;
}
/**
 * A record written by `aigc enforce --record FILE`: the invocation and the artifact it produced, replayed at the artifact's timestamp.
 */
export interface RecordedFixture {
  /**
   * The invocation as it was read (any JSON value; a non-object one was refused at `invocation_validation`).
   */
  invocation: unknown;
  /**
   * The artifact enforcement produced; replay compares every field but the timestamps, the signature and the chain fields.
   */
  artifact: {
    [k: string]: unknown;
  };
}
