// Which shape a policy test case is written in: ours (`expect`, `input`, …)
// or the Python reference's `PolicyTestCase` (`expected_outcome`,
// `input_data`, …), told apart by the keys only one of them has.

import type {PyDict} from '../python/values.js';

export type CaseShape = 'ours' | 'reference';

/** Keys only our shape has. */
export const OUR_SHAPE_KEYS: readonly string[] = ['policy', 'input', 'output', 'tool_calls', 'expect'];

/** Keys only the reference's shape has. */
export const REFERENCE_SHAPE_KEYS: readonly string[] = ['input_data', 'output_data', 'expected_outcome', 'expected_gate', 'expected_error_type'];

/** The reference's `PolicyTestCase` defaults for the fields a case in its shape leaves out (input, output and context default to `{}`). */
export const REFERENCE_CASE_DEFAULTS = {role: 'planner', model_provider: 'test-provider', model_identifier: 'test-model'} as const;

/** A case's shape, or the keys of each shape it mixes. */
export type ShapeOfCase = {shape: CaseShape} | {mixed: {ours: string[]; reference: string[]}};

/**
 * The shape of a case. Keys both shapes share (`name`, `role`, `context`,
 * `invocation`, `policy_file`, …) do not decide it, except `policy_file`:
 * every reference case has one (it is `PolicyTestCase`'s one required field
 * besides `name`), so a case with it and nothing of ours is the reference's,
 * and gets the reference's defaults. Any other case is ours.
 */
export function shapeOfCase(spec: PyDict): ShapeOfCase {
  const has = (key: string) => Object.hasOwn(spec, key);
  const ours = OUR_SHAPE_KEYS.filter(has);
  const reference = REFERENCE_SHAPE_KEYS.filter(has);
  if (ours.length > 0 && reference.length > 0) return {mixed: {ours, reference}};
  if (reference.length > 0) return {shape: 'reference'};
  if (ours.length > 0) return {shape: 'ours'};
  return {shape: has('policy_file') ? 'reference' : 'ours'};
}
