// date-inactive: the policy, or the base it extends, is not in force on the lint day.
import {beforeAll, describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string) => workspace.findingsOf('date-inactive', name, text);

beforeAll(() => {
  workspace.write({'old-base.yaml': 'policy_version: "1"\nroles: [a]\nexpiration_date: "2020-01-01"\n'});
});

describe('date-inactive', () => {
  it('warns that a policy has expired, at expiration_date', () => {
    expect(findings('old.yaml', `${MINIMAL}expiration_date: "2025-05-31"\n`)).toEqual([
      '3:18 Policy expired: expiration_date is 2025-05-31, today is 2025-06-01',
    ]);
  });

  it('warns that a policy is not yet active, at effective_date', () => {
    expect(findings('new.yaml', `${MINIMAL}effective_date: "2025-06-02"\n`)).toEqual([
      '3:17 Policy not yet active: effective_date is 2025-06-02, today is 2025-06-01',
    ]);
  });

  it('accepts the first and the last day of the window', () => {
    expect(findings('edges.yaml', `${MINIMAL}effective_date: "2025-06-01"\nexpiration_date: "2025-06-01"\n`)).toEqual([]);
  });

  it('warns that the policy a file extends has expired, as validate would fail it', () => {
    expect(findings('child-of-old.yaml', 'extends: old-base.yaml\npolicy_version: "2"\nroles: [a]\n')).toEqual([
      "1:10 extends 'old-base.yaml': Policy expired: expiration_date is 2020-01-01, today is 2025-06-01",
    ]);
  });

  it('reports the file’s own expiry once, at its date, though composing it fails the same way', () => {
    workspace.write({'base.yaml': 'policy_version: "1"\nroles: [a]\n'});
    expect(findings('child.yaml', 'extends: base.yaml\npolicy_version: "2"\nroles: [a]\nexpiration_date: "2021-01-01"\n')).toEqual([
      '4:18 Policy expired: expiration_date is 2021-01-01, today is 2025-06-01',
    ]);
  });

  it('is a warning', () => {
    expect(workspace.lint('old.yaml').findings[0]).toMatchObject({ruleId: 'date-inactive', severity: 'warning'});
  });
});
