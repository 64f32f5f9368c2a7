// date-invalid: the policy's dates cannot be read, or are out of order.

import {dateField, INACTIVE_REASONS} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const dateInvalid: LintRuleModule = {
  id: 'date-invalid',
  severity: 'error',
  description: 'effective_date / expiration_date are not valid dates or are out of order.',
  explanation:
    'effective_date and expiration_date are calendar days (YYYY-MM-DD), the first no later than the second. A date that does not exist (2024-02-30) or a window that ends before it starts makes every invocation fail. The finding is at the date in question.',
  example: 'policy_version: "1.0"\nroles: [agent]\neffective_date: "2026-07-01"\nexpiration_date: "2026-06-30"\n',
  check(context, report) {
    const problem = context.ownDateProblem();
    if (problem && !INACTIVE_REASONS.has(problem.reason)) report.at([dateField(problem.reason)], problem.message);
  },
};
