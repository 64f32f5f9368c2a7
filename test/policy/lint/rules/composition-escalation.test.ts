// composition-escalation: composing with the base would allow more than the base allows.
import {beforeAll, describe, expect, it} from 'vitest';
import {lintWorkspace} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string) => workspace.findingsOf('composition-escalation', name, text);

beforeAll(() => {
  workspace.write({
    'base.yaml': 'policy_version: "1"\nroles: [agent]\noutput_schema: {type: object}\npost_conditions:\n  required: [output_schema_valid]\n',
  });
});

describe('composition-escalation', () => {
  it('reports a role the base does not allow, at roles', () => {
    expect(findings('wider.yaml', 'extends: base.yaml\ncomposition_strategy: union\npolicy_version: "2"\nroles: [agent, admin]\n')).toEqual([
      "4:8 Composition escalation: child policy adds roles not present in base policy: ['admin']",
    ]);
  });

  it('reports a postcondition the base requires and the child drops, at post_conditions', () => {
    const text = 'extends: base.yaml\ncomposition_strategy: replace\npolicy_version: "2"\nroles: [agent]\npost_conditions:\n  required: []\n';
    expect(findings('weaker.yaml', text)).toEqual([
      "6:3 Composition weakening: child policy removes required postconditions from base policy: ['output_schema_valid']",
    ]);
  });

  it('reports a child that both adds roles and drops postconditions once, for the roles (checked first)', () => {
    const text = 'extends: base.yaml\ncomposition_strategy: replace\npolicy_version: "2"\nroles: [admin]\npost_conditions:\n  required: []\n';
    expect(findings('both.yaml', text)).toEqual([expect.stringMatching(/^4:8 Composition escalation: .*'admin'/)]);
  });

  it('does not depend on the postcondition’s name (a name holding “roles” stays at post_conditions)', () => {
    workspace.write({'roles-base.yaml': 'policy_version: "1"\nroles: [agent]\npost_conditions:\n  required: [roles_checked]\n'});
    const text = 'extends: roles-base.yaml\ncomposition_strategy: replace\npolicy_version: "2"\nroles: [agent]\npost_conditions:\n  required: []\n';
    expect(findings('roles-named.yaml', text)).toEqual([expect.stringMatching(/^6:3 Composition weakening: .*'roles_checked'/)]);
  });

  it('accepts a child that narrows its base', () => {
    expect(findings('narrower.yaml', 'extends: base.yaml\ncomposition_strategy: intersect\npolicy_version: "2"\nroles: [agent]\n')).toEqual([]);
  });
});
