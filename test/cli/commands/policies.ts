// Policy files the end-to-end tests lint, validate and enforce, with the
// findings the linter is known to report for them.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {EXAMPLE_POLICIES} from '../command-line.js';

/** Three errors and one warning, at known places. */
export const POLICY_WITH_FINDINGS = `policy_version: "1.0"
roles:
  - agent
pre_conditions:
  required:
    ticket:
      type: strnig
guards:
  - when: "role == 'agent' and"
    then:
      roles: [agent]
post_conditions:
  required:
    - something_unsupported
risk:
  mode: strict
  threshold: 0.5
  factors:
    - name: f
      weight: 0.5
      condition: weird_cond
`;

/** `file:line:col` → rule id of every finding in POLICY_WITH_FINDINGS, in report order. */
export const KNOWN_FINDINGS = [
  {line: 7, column: 13, severity: 'error', ruleId: 'precondition-invalid'},
  {line: 9, column: 11, severity: 'error', ruleId: 'policy-schema'},
  {line: 14, column: 7, severity: 'error', ruleId: 'postcondition-unsupported'},
  {line: 21, column: 18, severity: 'warning', ruleId: 'risk-factor-condition'},
] as const;

/** A valid policy whose only finding is one warning (an unknown risk condition). */
export const POLICY_WITH_ONE_WARNING = `policy_version: "1.0"
roles: [agent]
risk:
  mode: warn_only
  threshold: 0.5
  factors:
    - name: odd
      weight: 0.5
      condition: not_a_builtin
`;

/** A realistic policy with no findings at all. */
export const CLEAN_POLICY = readFileSync(join(EXAMPLE_POLICIES, 'support-assistant.yaml'), 'utf8');

/** An invocation that passes CLEAN_POLICY saved as `policy.yaml` in the working folder. */
export function passingInvocation(policyFile = 'policy.yaml'): Record<string, unknown> {
  return {
    policy_file: policyFile,
    model_provider: 'openai',
    model_identifier: 'gpt-4o',
    role: 'agent',
    input: {question: 'Where is my order?'},
    context: {customer_verified: true, ticket_id: 'TCK-004211'},
    output: {answer: 'It ships tomorrow.', confidence: 0.9, escalate: false},
  };
}
