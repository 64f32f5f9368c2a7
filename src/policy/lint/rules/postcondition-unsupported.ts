// postcondition-unsupported: a required postcondition enforcement does not know.

import {requiredPostconditions} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const postconditionUnsupported: LintRuleModule = {
  id: 'postcondition-unsupported',
  severity: 'error',
  description: 'A required postcondition is not supported; every invocation would fail.',
  explanation:
    'The only postcondition enforcement checks is output_schema_valid; the reference fails any invocation whose policy requires another one. Postconditions a base policy requires count too: the finding then points at post_conditions.',
  example: 'post_conditions:\n  required: [output_is_polite]\n',
  check(context, report) {
    if (!context.policy) return;
    for (const {name, path} of requiredPostconditions(context)) {
      if (name === 'output_schema_valid') continue;
      report.at(path, `unsupported postcondition '${String(name)}': only output_schema_valid is supported, so every invocation would fail`);
    }
  },
};
