// extends-target: the base a policy extends cannot be used.

import {aboutBase, DATE_REASONS, INACTIVE_REASONS, isOwnDateProblem} from '../context.js';
import type {LintRuleModule} from '../types.js';

export const extendsTarget: LintRuleModule = {
  id: 'extends-target',
  severity: 'error',
  description: 'The policy named by extends does not exist, cannot be loaded, or forms a cycle.',
  explanation:
    'A policy that extends a base is loaded with it, as enforcement loads it: the base must exist and load on its own (its YAML, schema and dates), the chain of extends must not loop, the composition_strategy must be known, and the dates of the composed policy must be in order. Any of these failing fails every invocation under the policy. The finding is at `extends` and quotes the problem.',
  example: 'extends: ./base-policy.yaml   # no such file\npolicy_version: "1.1"\nroles: [agent]\n',
  check(context, report) {
    const error = context.compositionError();
    if (!error || error.reason === 'composition-escalation' || error.reason === 'composition-weakening') return;
    if (DATE_REASONS.has(error.reason)) {
      // Out-of-order or invalid dates that are not the file's own are the composition's; an inactive base is date-inactive's.
      if (!INACTIVE_REASONS.has(error.reason) && !isOwnDateProblem(context, error)) report.at(['extends'], aboutBase(context, error));
      return;
    }
    const about = error.details.policy_file;
    // The file's own problems are its own rules' (its schema); one about no file (a cycle, a strategy) only once its schema holds.
    if (about === context.file || (about === undefined && context.schemaErrors().length > 0)) return;
    report.at(['extends'], aboutBase(context, error));
  },
};
