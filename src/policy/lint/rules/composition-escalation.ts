// composition-escalation: composing with the base would widen what the base allows.

import type {LintRuleModule} from '../types.js';

export const compositionEscalation: LintRuleModule = {
  id: 'composition-escalation',
  severity: 'error',
  description: 'Composing with the base would add roles or drop required postconditions.',
  explanation:
    'A policy that extends a base may narrow it, never widen it: the composed policy may not allow a role the base does not, nor drop a postcondition the base requires (with composition_strategy union or replace this is easy to do by accident). Enforcement refuses such a policy, so every invocation under it would fail. The finding is at the roles or post_conditions that do it.',
  example: '# base.yaml allows roles [agent]\nextends: base.yaml\ncomposition_strategy: union\npolicy_version: "1.1"\nroles: [agent, admin]\n',
  check(context, report) {
    const error = context.compositionError();
    const key = error?.reason === 'composition-escalation' ? 'roles' : error?.reason === 'composition-weakening' ? 'post_conditions' : undefined;
    if (!error || key === undefined) return;
    report.at(Object.hasOwn(context.policy!, key) ? [key] : ['extends'], error.message);
  },
};
