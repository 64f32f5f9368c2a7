// risk-factor-condition: a risk factor's condition is neither built in nor declared.

import {dictGet, isDict, isList, type PyDict} from '../../../python/values.js';
import {declaredConditions} from '../context.js';
import type {LintRuleModule} from '../types.js';

const RISK_BUILTINS = new Set(['no_output_schema', 'broad_roles', 'no_preconditions', 'high_tool_count', 'missing_guards', 'external_model']);

export const riskFactorCondition: LintRuleModule = {
  id: 'risk-factor-condition',
  severity: 'warning',
  description: 'A risk factor condition is neither a built-in nor a declared context key.',
  explanation: `A risk factor's condition is one of the built-ins (${[...RISK_BUILTINS].join(', ')}) or a key of the invocation's context; any other name is true only when the context has a truthy value under it. A name that is neither built in nor declared (a condition, a precondition) is often a typo that makes the factor never count.`,
  example: 'risk:\n  mode: strict\n  threshold: 0.5\n  factors:\n    - {name: unverified, weight: 0.6, condition: customer_unverifed}\n',
  check(context, report) {
    const policy = context.policy;
    const risk = policy ? dictGet(policy, 'risk') : undefined;
    const factors = isDict(risk) ? dictGet(risk, 'factors') : undefined;
    if (!policy || !isList(factors)) return;
    const declared = declaredContextKeys(policy);
    factors.forEach((factor, index) => {
      const condition = isDict(factor) ? dictGet(factor, 'condition') : undefined;
      if (typeof condition !== 'string' || RISK_BUILTINS.has(condition) || declared.has(condition)) return;
      report.at(
        ['risk', 'factors', index, 'condition'],
        `risk factor condition '${condition}' is not a built-in (${[...RISK_BUILTINS].join(', ')}) nor a declared context key; it is true only when the invocation context has a truthy '${condition}'`,
      );
    });
  },
};

/** Conditions and preconditions: the context keys the policy says invocations carry. */
function declaredContextKeys(policy: PyDict): Set<string> {
  const keys = declaredConditions(policy);
  const pre = dictGet(policy, 'pre_conditions');
  if (isDict(pre)) {
    const required = dictGet(pre, 'required');
    if (isDict(required)) for (const key of Object.keys(required)) keys.add(key);
    if (isList(required)) for (const item of required) if (typeof item === 'string') keys.add(item);
    const optional = dictGet(pre, 'optional');
    if (isList(optional)) for (const item of optional) if (typeof item === 'string') keys.add(item);
  }
  return keys;
}
