// guard-unknown-condition: a bare name in a guard that the policy does not declare.
import {describe, expect, it} from 'vitest';
import {lintWorkspace} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('guard-unknown-condition', 'p.yaml', text);
const policy = (condition: string) =>
  `policy_version: "1.0"\nroles: [agent]\nconditions:\n  is_external: {type: boolean, default: false}\nguards:\n  - when: {condition: ${JSON.stringify(condition)}}\n    then: {}\n`;

describe('guard-unknown-condition', () => {
  it('warns about a bare name that is not declared, saying how to fix it', () => {
    expect(findings(policy('is_internal'))).toEqual([
      "6:23 'is_internal' is not a declared condition; declare it under conditions, or compare it (is_internal == true) to read the context",
    ]);
  });

  it('finds names under not, and, or and parentheses, once per use', () => {
    expect(findings(policy('not (a or is_external) and b')).map((finding) => finding.split(' ')[1])).toEqual(["'a'", "'b'"]);
  });

  it('accepts declared conditions and comparisons of context keys', () => {
    expect(findings(policy('is_external and ticket == "T-1" and role != "x"'))).toEqual([]);
  });

  it('leaves a condition that does not parse to guard-syntax', () => {
    expect(findings(policy('is_internal and'))).toEqual([]);
  });

  it('is a warning', () => {
    expect(workspace.lint('p.yaml', policy('x')).findings[0]).toMatchObject({ruleId: 'guard-unknown-condition', severity: 'warning'});
  });
});
