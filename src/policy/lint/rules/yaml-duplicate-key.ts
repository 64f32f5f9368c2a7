// yaml-duplicate-key: a mapping repeats a key.

import {plainRange} from '../../../source-location.js';
import type {LintRuleModule} from '../types.js';

export const yamlDuplicateKey: LintRuleModule = {
  id: 'yaml-duplicate-key',
  severity: 'warning',
  checksAnyFile: true,
  description: 'A mapping repeats a key; the last value wins, silently.',
  explanation:
    'PyYAML keeps the last value of a repeated key without a word, so the earlier one (often the one a reviewer reads) has no effect. Remove one of them. The finding points at the repeated key, the one whose value is used.',
  example: 'policy_version: "1.0"\nroles: [agent]\nroles: [agent, admin]\n',
  check(context, report) {
    for (const duplicate of context.document?.duplicateKeys ?? []) {
      report.atRange(plainRange(duplicate.range), `duplicate key '${duplicate.key}': the last value wins`);
    }
  },
};
