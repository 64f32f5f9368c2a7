// date-inactive: the policy (or the base it extends) is not in force today.

import {aboutBase, dateField, INACTIVE_REASONS, isOwnDateProblem} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const dateInactive: LintRuleModule = {
  id: 'date-inactive',
  severity: 'warning',
  description: 'The policy is expired or not yet active today.',
  explanation:
    'Outside its effective_date–expiration_date window (both days included) a policy fails every invocation. A warning, since a policy may be written ahead of time; `--now` checks the window as of another day. A base that is not in force is reported at `extends`.',
  example: 'policy_version: "1.0"\nroles: [agent]\nexpiration_date: "2024-12-31"\n',
  check(context, report) {
    const own = context.ownDateProblem();
    if (own && INACTIVE_REASONS.has(own.reason)) report.at([dateField(own.reason)], own.message);
    const error = context.compositionError();
    if (error && INACTIVE_REASONS.has(error.reason) && !isOwnDateProblem(context, error)) report.at(['extends'], aboutBase(context, error));
  },
};
