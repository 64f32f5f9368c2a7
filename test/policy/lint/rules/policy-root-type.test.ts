// policy-root-type: a YAML document that is not a mapping is no policy.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('policy-root-type', 'p.yaml', text);

describe('policy-root-type', () => {
  it('reports a list, a string and an empty file, about the whole file', () => {
    expect(findings('- policy_version: "1.0"\n')).toEqual(['file Policy must be a YAML mapping (dict)']);
    expect(findings('just text\n')).toEqual(['file Policy must be a YAML mapping (dict)']);
    expect(findings('')).toEqual(['file Policy must be a YAML mapping (dict)']);
  });

  it('stops the checks of the policy’s content', () => {
    expect(workspace.lint('p.yaml', '- roles: 5\n').findings.map((finding) => finding.ruleId)).toEqual(['policy-root-type']);
  });

  it('is not reported for a mapping', () => {
    expect(findings(MINIMAL)).toEqual([]);
  });
});
