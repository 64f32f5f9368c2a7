// policy-root-type: the document is YAML but not a mapping.

import type {LintRuleModule} from '../types.js';

export const policyRootType: LintRuleModule = {
  id: 'policy-root-type',
  severity: 'error',
  checksAnyFile: true,
  description: 'The policy document must be a mapping.',
  explanation: 'A policy is a mapping of its fields (policy_version, roles, …). A list, a string or an empty file is refused by the reference when it loads the policy, so every invocation under it would fail.',
  example: '- policy_version: "1.0"\n- roles: [agent]\n',
  check(context, report) {
    if (!context.read.ok && context.read.problem.reason === 'root-not-mapping') report.atRange(undefined, 'Policy must be a YAML mapping (dict)');
  },
};
