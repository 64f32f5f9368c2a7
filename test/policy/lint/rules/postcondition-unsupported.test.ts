// postcondition-unsupported: a required postcondition enforcement does not check.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';
import {POLICY_WITH_FINDINGS} from '../../../cli/commands/policies.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string) => workspace.findingsOf('postcondition-unsupported', name, text);

describe('postcondition-unsupported', () => {
  it('reports the unsupported name where it is written', () => {
    expect(findings('p.yaml', POLICY_WITH_FINDINGS)).toEqual([
      "14:7 unsupported postcondition 'something_unsupported': only output_schema_valid is supported, so every invocation would fail",
    ]);
  });

  it('reports one the composed policy requires where the child writes it, else at its post_conditions (the whole file when it has none)', () => {
    workspace.write({'base.yaml': `${MINIMAL}output_schema: {type: object}\npost_conditions:\n  required: [polite]\n`});
    expect(findings('child.yaml', 'extends: base.yaml\npolicy_version: "2"\nroles: [agent]\n')).toEqual([
      expect.stringMatching(/^1:1 unsupported postcondition 'polite'/),
    ]);
    expect(findings('child2.yaml', 'extends: base.yaml\ncomposition_strategy: replace\npolicy_version: "2"\nroles: [agent]\noutput_schema: {type: object}\npost_conditions:\n  required: [output_schema_valid, polite]\n')).toEqual([
      expect.stringMatching(/^7:35 unsupported postcondition 'polite'/),
    ]);
  });

  it('accepts output_schema_valid', () => {
    expect(findings('ok.yaml', `${MINIMAL}output_schema: {type: object}\npost_conditions:\n  required: [output_schema_valid]\n`)).toEqual([]);
  });
});
