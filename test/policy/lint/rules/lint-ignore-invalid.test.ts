// lint-ignore-invalid, and what a valid `# aigc-lint-ignore RULE_ID reason` does: the finding it covers is set apart with its reason.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('lint-ignore-invalid', 'p.yaml', text);

describe('aigc-lint-ignore comments', () => {
  it('suppress the finding of their rule on the next line, keeping it with the reason', () => {
    const result = workspace.lint('p.yaml', `${MINIMAL}# aigc-lint-ignore date-inactive launches next year, on purpose\neffective_date: "2999-01-01"\n`);
    expect(result.findings).toEqual([]);
    expect(result.suppressed?.map((finding) => [finding.ruleId, finding.range?.start.line, finding.justification])).toEqual([
      ['date-inactive', 4, 'launches next year, on purpose'],
    ]);
  });

  it('suppress the finding on their own line when written after the value', () => {
    const result = workspace.lint('p.yaml', `${MINIMAL}effective_date: "2999-01-01" # aigc-lint-ignore date-inactive not live yet\n`);
    expect(result.findings).toEqual([]);
    expect(result.suppressed?.map((finding) => finding.ruleId)).toEqual(['date-inactive']);
  });

  it('suppress only their own rule', () => {
    const result = workspace.lint('p.yaml', `${MINIMAL}# aigc-lint-ignore yaml-duplicate-key wrong rule\neffective_date: "2999-01-01"\n`);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['date-inactive']);
    expect(result.suppressed).toBeUndefined();
  });

  it('are not read inside a string value', () => {
    const result = workspace.lint('p.yaml', `${MINIMAL}description: "# aigc-lint-ignore date-inactive x"\neffective_date: "2999-01-01"\n`);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['date-inactive']);
  });
});

describe('lint-ignore-invalid', () => {
  it('reports a comment that names an unknown rule, at the comment', () => {
    expect(findings(`${MINIMAL}# aigc-lint-ignore date-inactiv typo\n`)).toEqual(["3:1 aigc-lint-ignore names an unknown rule 'date-inactiv'"]);
  });

  it('reports a comment without a reason, which is not applied', () => {
    const result = workspace.lint('p.yaml', `${MINIMAL}# aigc-lint-ignore date-inactive\neffective_date: "2999-01-01"\n`);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['lint-ignore-invalid', 'date-inactive']);
    expect(result.findings[0].message).toBe('aigc-lint-ignore date-inactive gives no reason, and is not applied: say why the finding is accepted');
  });

  it('reports a comment that names no rule', () => {
    expect(findings(`${MINIMAL}roles_note: 1 # aigc-lint-ignore\n`)).toEqual(['3:15 aigc-lint-ignore names no rule: write `# aigc-lint-ignore RULE_ID reason`']);
  });

  it('is a warning', () => {
    expect(workspace.lint('p.yaml', `${MINIMAL}# aigc-lint-ignore nope x\n`).findings[0].severity).toBe('warning');
  });
});
