/**
 * Generated from schemas/golden_fixture.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyDict, PyFloat, PyValue} from '../../python/values.js';

/**
 * A golden replay fixture for `aigc replay`: a recorded invocation and what enforcing it should produce. Four shapes are accepted: ours, the Python reference's wrapped form, a bare invocation (compared with `--expected FILE`), and the `{"invocation", "artifact"}` records `aigc enforce --record` writes (one per line of a JSONL file).
 */
export type GoldenFixture = ReplayFixture | ReferenceWrappedFixture | BareInvocationFixture | RecordedFixture;
/**
 * Our fixture shape: a named invocation and the artifact it should produce.
 */
export type ReplayFixture = {
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
  invocation: PyValue;
  /**
   * The artifact it should produce, whole or in part: every key given must equal the actual artifact's, objects compared recursively as subsets. Timestamps are ignored unless `--strict`. Written by `aigc replay --update` when absent.
   */
  expected?: PyDict;
  now?: FixedClock;
  /**
   * Enforce in one step (`unified`, the default) or as a pre-call and a post-call phase (`split`).
   */
  mode?: 'unified' | 'split';
  /**
   * Model output (any JSON value) handed to the post-call phase in split mode, where the invocation itself has none; needed only when the pre-call phase passes.
   */
  output?: PyValue;
};
/**
 * A fixed instant for artifact timestamps and policy date checks: Unix epoch seconds, or an ISO-8601 date or date-time (UTC when it has no offset).
 */
export type FixedClock = number | bigint | PyFloat | string;
/**
 * The Python reference's wrapped fixture: an invocation with the error it should raise and the artifact fields that must match.
 */
export type ReferenceWrappedFixture = {
  /**
   * What the fixture exercises.
   */
  description?: string;
  /**
   * The invocation to enforce again, usually an object with the fields of `#/definitions/invocationFields`; any JSON value is taken (a non-object one is refused at `invocation_validation`).
   */
  invocation: PyValue;
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
  expected_audit_artifact_stable_fields?: PyDict;
  /**
   * Remarks for people reading the fixture.
   */
  notes?: string[];
};
/**
 * An invocation on its own; the expected artifact comes from `--expected FILE`. Split pre-call invocations have no `output`.
 */
export type BareInvocationFixture = PyDict;
/**
 * A record written by `aigc enforce --record FILE`: the invocation and the artifact it produced, replayed at the artifact's timestamp.
 */
export type RecordedFixture = {
  /**
   * The invocation as it was read (any JSON value; a non-object one was refused at `invocation_validation`).
   */
  invocation: PyValue;
  /**
   * The artifact enforcement produced; replay compares every field but the timestamps, the signature and the chain fields.
   */
  artifact: PyDict;
};
