// lint-ignore-invalid: an `aigc-lint-ignore` comment that suppresses nothing it could.

import type {LintRuleModule} from '../types.js';

export const lintIgnoreInvalid: LintRuleModule = {
  id: 'lint-ignore-invalid',
  severity: 'warning',
  checksAnyFile: true,
  description: 'An aigc-lint-ignore comment names no known rule, or gives no reason.',
  explanation:
    'A suppression is written `# aigc-lint-ignore RULE_ID reason`, after the value it is about or alone on the line before it. One that names no rule, or a rule aigc does not have (often a typo), suppresses nothing; one without a reason leaves the next reader guessing why the finding was accepted, and is not applied. Name the rule the finding gives and say why it is accepted.',
  example: 'policy_version: "1.0"\nroles: [agent]\n# aigc-lint-ignore date-inactiv\neffective_date: "2999-01-01"\n',
  check(context, report) {
    for (const suppression of context.suppressions()) {
      if (suppression.ruleId === '') report.atRange(suppression.range, 'aigc-lint-ignore names no rule: write `# aigc-lint-ignore RULE_ID reason`');
      else if (!context.ruleIds.has(suppression.ruleId)) report.atRange(suppression.range, `aigc-lint-ignore names an unknown rule '${suppression.ruleId}'`);
      else if (suppression.reason === '') report.atRange(suppression.range, `aigc-lint-ignore ${suppression.ruleId} gives no reason, and is not applied: say why the finding is accepted`);
    }
  },
};
