/**
 * Generated from schemas/policy_dsl.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyDict, PyFloat, PyValue} from '../../python/values.js';

/**
 * A governance policy for AI model invocations: who may call the model, what must hold before and after the call, which tools may be used and how risk is scored. Keyword order inside every object is significant: the validator reports the first error at a location in this order, matching the Python reference.
 */
export type Policy = {
  /**
   * Path of a base policy this one builds on, relative to this file. The base is loaded first and this policy is merged over it.
   */
  extends?: string;
  /**
   * How this policy is merged over the base named by `extends`: `intersect` keeps only what both allow, `union` combines both, `replace` lets this policy's values win.
   */
  composition_strategy?: 'intersect' | 'union' | 'replace';
  /**
   * Version label of this policy, copied into every audit artifact. Quote it in YAML (`"1.0"`), or it is read as a number.
   */
  policy_version: string;
  /**
   * Free text for people reading the policy.
   */
  description?: string;
  /**
   * First day (YYYY-MM-DD, UTC) on which the policy may be used. Quote it in YAML, or it is read as a date rather than a string.
   */
  effective_date?: string;
  /**
   * Last day (YYYY-MM-DD, UTC) on which the policy may be used. Quote it in YAML, or it is read as a date rather than a string.
   */
  expiration_date?: string;
  /**
   * Roles allowed to invoke the model under this policy; at least one.
   *
   * @minItems 1
   */
  roles: string[];
  /**
   * Named boolean conditions resolved from the invocation's context and usable in guard expressions, keyed by condition name.
   */
  conditions?: {
    /**
     * Declaration of one named condition.
     */
    [k: string]: {
      /**
       * Value type of the condition; only `boolean` is supported.
       */
      type: 'boolean';
      /**
       * When true, the invocation's context must supply this condition.
       */
      required?: boolean;
      /**
       * Value used when the context does not supply the condition.
       */
      default?: boolean;
    };
  };
  /**
   * Tool-use constraints checked against the invocation's `tool_calls`.
   */
  tools?: {
    /**
     * Tools the model may call; a call to any other tool fails the invocation. May be empty to forbid every tool.
     */
    allowed_tools: {
      /**
       * Tool name as it appears in the invocation's `tool_calls`.
       */
      name: string;
      /**
       * Most calls of this tool allowed in one invocation.
       */
      max_calls: number | bigint | PyFloat;
    }[];
  };
  /**
   * Retry settings used when enforcement is wrapped in a retry helper.
   */
  retry_policy?: {
    /**
     * How many times a failed enforcement may be retried.
     */
    max_retries: number | bigint | PyFloat;
    /**
     * Base delay between retries, in milliseconds.
     */
    backoff_ms: number | bigint | PyFloat;
  };
  /**
   * Risk scoring of the invocation.
   */
  risk?: {
    /**
     * What a score above the threshold does: `strict` fails the invocation, `risk_scored` and `warn_only` record the score and let it pass.
     */
    mode: 'strict' | 'risk_scored' | 'warn_only';
    /**
     * Score, between 0 and 1, above which the invocation counts as risky. Defaults to 0.7.
     */
    threshold?: number | bigint | PyFloat;
    /**
     * Weighted factors summed into the risk score.
     */
    factors?: {
      /**
       * Label of the factor in the recorded score basis.
       */
      name: string;
      /**
       * Amount, between 0 and 1, added to the score when the condition holds.
       */
      weight: number | bigint | PyFloat;
      /**
       * A built-in risk condition or a context key whose truthiness triggers the factor.
       */
      condition: string;
    }[];
  };
  /**
   * Checks on the invocation's context made before the model is called.
   */
  pre_conditions?: {
    /**
     * Context values that must be present before the model is called, as a list of names or as typed constraints by name.
     */
    required?:
      | string[]
      | {
          /**
           * Constraints on one context value. Keys not listed here are accepted and ignored.
           */
          [k: string]: PyDict & {
            /**
             * JSON Schema type the context value must have (`string`, `integer`, `number`, `boolean`, `array`, `object`, `null`), or `any`.
             */
            type?: string;
            /**
             * Regular expression a string value must match.
             */
            pattern?: string;
            /**
             * The only values allowed.
             */
            enum?: PyValue[];
            /**
             * Shortest allowed string value.
             */
            minLength?: number | bigint | PyFloat;
            /**
             * Longest allowed string value.
             */
            maxLength?: number | bigint | PyFloat;
            /**
             * Smallest allowed numeric value.
             */
            minimum?: number | bigint | PyFloat;
            /**
             * Largest allowed numeric value.
             */
            maximum?: number | bigint | PyFloat;
          };
        };
    /**
     * Context keys that are recognised but not required.
     */
    optional?: string[];
  };
  /**
   * Checks on the model's output made after the call.
   */
  post_conditions?: {
    /**
     * Postconditions that must hold for the invocation to pass.
     */
    required?: string[];
    /**
     * Postconditions that are recognised but not enforced.
     */
    optional?: string[];
  };
  /**
   * JSON Schema the invocation's output must satisfy, in the draft its `$schema` names (draft-07 or draft-04), else draft 2020-12; `format` is not asserted. Not checked as a schema when the policy loads.
   */
  output_schema?: PyDict;
  /**
   * Conditional additions to the policy, applied in order when their condition holds.
   */
  guards?: {
    /**
     * When the guard applies.
     */
    when: {
      /**
       * Guard expression over conditions and context (`and`, `or`, `not`, comparisons).
       */
      condition: string;
    };
    /**
     * Policy fragment merged into the effective policy when the guard applies (roles, pre_conditions, post_conditions, tools …).
     */
    then: PyDict;
  }[];
};
