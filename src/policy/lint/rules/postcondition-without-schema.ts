// postcondition-without-schema: output_schema_valid with no output_schema to check.

import {dictGet, isDict, isList, type PyDict} from '../../../python/values.js';
import {requiredPostconditions} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const postconditionWithoutSchema: LintRuleModule = {
  id: 'postcondition-without-schema',
  severity: 'error',
  description: 'output_schema_valid is required but neither the policy nor any guard has an output_schema; every invocation would fail.',
  explanation:
    'output_schema_valid checks the output against output_schema; with no output_schema in the policy (or its base), and no guard whose `then` sets one, the check fails every invocation. Add an output_schema, or drop the postcondition.',
  example: 'policy_version: "1.0"\nroles: [agent]\npost_conditions:\n  required: [output_schema_valid]\n',
  check(context, report) {
    if (!context.policy) return;
    for (const {name, path, source} of requiredPostconditions(context)) {
      if (name !== 'output_schema_valid' || Object.hasOwn(source, 'output_schema') || guardSuppliesOutputSchema(source)) continue;
      report.at(path, 'output_schema_valid is required but neither the policy nor any guard sets output_schema, so every invocation would fail');
    }
  },
};

/** A guard whose `then` sets output_schema: invocations it matches have a schema to check. */
function guardSuppliesOutputSchema(policy: PyDict): boolean {
  const guards = dictGet(policy, 'guards');
  if (!isList(guards)) return false;
  return guards.some((guard) => {
    const then = isDict(guard) ? dictGet(guard, 'then') : undefined;
    return isDict(then) && Object.hasOwn(then, 'output_schema');
  });
}
