/**
 * Generated from schemas/invocation.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyDict} from '../../python/values.js';

/**
 * One model call submitted for enforcement: which policy governs it, who makes it, what went in and what came out. Keys not listed here are allowed and passed through to guards and custom gates.
 */
export type Invocation = PyDict & {
  /**
   * Path of the policy (YAML) that governs the call, relative to the working directory unless absolute.
   */
  policy_file: string;
  /**
   * Who serves the model, for example `openai` or `internal`.
   */
  model_provider: string;
  /**
   * Which model is called, for example `gpt-4`.
   */
  model_identifier: string;
  /**
   * Role the caller acts in; must be one of the policy's roles.
   */
  role: string;
  input: InvocationInput;
  context: InvocationContext;
  output?: InvocationOutput;
  /**
   * Tool calls made by the model, checked against the policy's `tools.allowed_tools`.
   */
  tool_calls?: ToolCall[];
};
/**
 * What was sent to the model. Its canonical JSON is hashed into the artifact's `input_checksum`.
 */
export type InvocationInput = PyDict;
/**
 * Facts about the call read by preconditions, conditions, guards and risk factors (`context.provenance` is copied into the artifact's provenance).
 */
export type InvocationContext = PyDict;
/**
 * What the model returned, checked against the policy's `output_schema`. Required for unified enforcement; left out of a split pre-call invocation.
 */
export type InvocationOutput = PyDict;
/**
 * One tool call made by the model.
 */
export type ToolCall = PyDict & {
  /**
   * Name of the tool called.
   */
  name: string;
};
