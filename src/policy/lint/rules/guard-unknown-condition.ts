// guard-unknown-condition: a guard names a condition the policy does not declare.

import {type GuardAst, parseGuardSyntax} from '../../../guards/index.js';
import {declaredConditions, guardConditions} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const guardUnknownCondition: LintRuleModule = {
  id: 'guard-unknown-condition',
  severity: 'warning',
  description: 'A guard uses a bare name that is not a declared condition; evaluation fails unless it is declared.',
  explanation:
    'A bare name in a guard (`is_external`, as opposed to a comparison) must be one of the conditions the policy declares under `conditions`; enforcement fails with "Unknown condition" otherwise. Declare it, or compare it (`is_external == true`) to read the invocation’s context instead.',
  example: 'conditions:\n  is_external: {type: boolean, default: false}\nguards:\n  - when: {condition: "is_internal"}\n    then: {roles: [agent]}\n',
  check(context, report) {
    const policy = context.policy;
    if (!policy) return;
    const declared = declaredConditions(policy);
    for (const {condition, path} of guardConditions(policy)) {
      const result = parseGuardSyntax(condition);
      if (!result.ok) continue;
      for (const name of bareConditions(result.ast)) {
        if (declared.has(name)) continue;
        report.at(path, `'${name}' is not a declared condition; declare it under conditions, or compare it (${name} == true) to read the context`);
      }
    }
  },
};

function bareConditions(ast: GuardAst): string[] {
  switch (ast.kind) {
    case 'condition':
      return [ast.name];
    case 'not':
      return bareConditions(ast.operand);
    case 'and':
    case 'or':
      return [...bareConditions(ast.left), ...bareConditions(ast.right)];
    default:
      return [];
  }
}
