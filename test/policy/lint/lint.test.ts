// Linting a file: every rule of the registry over one reading of it, the
// findings of a policy in source order; and the reference CLI's own lint
// stage that `policy validate` runs first, worded as the reference prints it.
import {describe, expect, it} from 'vitest';
import {referenceLintStage} from '../../../src/policy/lint/reference-stage.js';
import {LINT_RULES} from '../../../src/policy/lint/rules.js';
import {lintWorkspace, MINIMAL} from './helpers.js';
import {KNOWN_FINDINGS, POLICY_WITH_FINDINGS} from '../../cli/commands/policies.js';

const workspace = lintWorkspace();

describe('lintPolicyFile', () => {
  it('lists the findings of every rule in source order', () => {
    const result = workspace.lint('bad.yaml', POLICY_WITH_FINDINGS);
    expect(result.findings.map((finding) => [finding.range?.start.line, finding.range?.start.column, finding.severity, finding.ruleId])).toEqual(
      KNOWN_FINDINGS.map((known) => [known.line, known.column, known.severity, known.ruleId]),
    );
    expect(result).toMatchObject({file: 'bad.yaml', source: POLICY_WITH_FINDINGS});
  });

  it('names the file as given, reading it relative to the cwd option', () => {
    workspace.write({'teams/a.yaml': MINIMAL});
    expect(workspace.lint('teams/a.yaml')).toMatchObject({file: 'teams/a.yaml', findings: [], source: MINIMAL});
  });

  it('says which rules checked the file: every policy rule for a policy, only the rules that check any file for one that is none', () => {
    const policyRules = LINT_RULES.map((rule) => rule.id);
    expect(workspace.lint('p.yaml', MINIMAL).checkedBy).toEqual(policyRules);
    const anyFile = ['file-unreadable', 'yaml-syntax', 'yaml-duplicate-key', 'policy-root-type', 'lint-ignore-invalid'];
    expect(workspace.lint('broken.yaml', 'roles: [agent\n').checkedBy).toEqual(anyFile);
    expect(workspace.lint('list.yaml', '- agent\n').checkedBy).toEqual(anyFile);
  });
});

describe('referenceLintStage', () => {
  const stage = (name: string, text?: string) => {
    if (text !== undefined) workspace.write({[name]: text});
    return referenceLintStage(name, workspace.path);
  };

  it('words YAML errors as the reference CLI does, context and problem on one line', () => {
    expect(stage('tab.yaml', `${MINIMAL}pre_conditions:\n\trequired: [x]\n`)).toEqual([
      {ruleId: 'yaml-syntax', message: "YAML parse error: while scanning for the next token, found character '\\t' that cannot start any token", range: expect.anything()},
    ]);
  });

  it('orders schema errors by path and names them by dotted path', () => {
    expect(stage('schema.yaml', 'policy_version: 1\nroles: [1]\n').map((problem) => problem.message)).toEqual([
      "policy_version: 1 is not of type 'string'",
      "roles.0: 1 is not of type 'string'",
    ]);
  });

  it('says why a file could not be read, as lint does', () => {
    expect(stage('absent.yaml')).toEqual([{ruleId: 'file-unreadable', message: 'file not found'}]);
    expect(stage('list.yaml', '- a\n')).toEqual([{ruleId: 'policy-root-type', message: 'Policy must be a YAML mapping (dict)'}]);
  });

  it('runs none of the semantic rules', () => {
    expect(stage('bad.yaml', POLICY_WITH_FINDINGS).map((problem) => problem.ruleId)).toEqual(['policy-schema']);
  });
});
