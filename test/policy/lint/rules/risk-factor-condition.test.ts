// risk-factor-condition: a risk factor whose condition names nothing the policy knows.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';
import {POLICY_WITH_FINDINGS} from '../../../cli/commands/policies.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('risk-factor-condition', 'p.yaml', text);
const withFactor = (condition: string, more = '') =>
  `${MINIMAL}${more}risk:\n  mode: warn_only\n  threshold: 0.5\n  factors:\n    - name: f\n      weight: 0.5\n      condition: ${condition}\n`;

describe('risk-factor-condition', () => {
  it('warns about a name that is neither built in nor declared, at the condition', () => {
    expect(findings(POLICY_WITH_FINDINGS)).toEqual([
      "21:18 risk factor condition 'weird_cond' is not a built-in (no_output_schema, broad_roles, no_preconditions, high_tool_count, missing_guards, external_model) nor a declared context key; it is true only when the invocation context has a truthy 'weird_cond'",
    ]);
  });

  it('accepts the built-ins', () => {
    for (const builtin of ['no_output_schema', 'broad_roles', 'no_preconditions', 'high_tool_count', 'missing_guards', 'external_model']) {
      expect(findings(withFactor(builtin))).toEqual([]);
    }
  });

  it('accepts declared conditions and preconditions, required or optional', () => {
    expect(findings(withFactor('vip', 'conditions:\n  vip: {type: boolean, default: false}\n'))).toEqual([]);
    expect(findings(withFactor('ticket', 'pre_conditions:\n  required:\n    ticket: {type: string}\n'))).toEqual([]);
    expect(findings(withFactor('ticket', 'pre_conditions:\n  required: [ticket]\n'))).toEqual([]);
    expect(findings(withFactor('urgent', 'pre_conditions:\n  optional: [urgent]\n'))).toEqual([]);
  });

  it('is a warning', () => {
    expect(workspace.lint('p.yaml', withFactor('odd')).findings[0]).toMatchObject({ruleId: 'risk-factor-condition', severity: 'warning'});
  });
});
