// yaml-duplicate-key: a repeated key is reported at the repetition whose value wins.
import {describe, expect, it} from 'vitest';
import {lintWorkspace} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('yaml-duplicate-key', 'p.yaml', text);

describe('yaml-duplicate-key', () => {
  it('points at the repeated key, the one whose value is used', () => {
    expect(findings('policy_version: "1.0"\nroles: [agent]\nroles: [agent, admin]\n')).toEqual(["3:1 duplicate key 'roles': the last value wins"]);
  });

  it('finds repeats in nested mappings', () => {
    expect(findings('policy_version: "1.0"\nroles: [agent]\nconditions:\n  x: {type: boolean}\n  x: {type: boolean}\n')).toEqual([
      "5:3 duplicate key 'x': the last value wins",
    ]);
  });

  it('is reported even when the document is not a mapping, before that finding', () => {
    const result = workspace.lint('list.yaml', '- {k: 1, k: 2}\n');
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['yaml-duplicate-key', 'policy-root-type']);
  });

  it('is a warning', () => {
    expect(workspace.lint('p.yaml', 'policy_version: "1.0"\nroles: [a]\nroles: [b]\n').findings[0].severity).toBe('warning');
  });

  it('is not reported for keys that only look alike', () => {
    expect(findings('policy_version: "1.0"\nroles: [agent]\nRoles: [x]\n')).toEqual([]);
  });
});
