// guard-syntax: a guard's condition is not a guard expression.

import {parseGuardSyntax} from '../../../guards/index.js';
import {guardConditions} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const guardSyntax: LintRuleModule = {
  id: 'guard-syntax',
  severity: 'error',
  description: 'A guard condition is not a valid guard expression; every invocation would fail.',
  explanation:
    'Guard conditions are parsed when an invocation is enforced, so a syntax error is found only then, and fails every invocation under the policy. The message is the one enforcement would give. Expressions combine names and comparisons with and, or, not and parentheses: `role == "agent" and not is_external`.',
  example: 'guards:\n  - when:\n      condition: "role == \'agent\' and"\n    then:\n      roles: [agent]\n',
  check(context, report) {
    for (const {condition, path} of guardConditions(context.policy ?? {})) {
      const result = parseGuardSyntax(condition);
      if (!result.ok) report.at(path, result.error.message);
    }
  },
};
