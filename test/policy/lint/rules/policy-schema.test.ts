// policy-schema: every schema error, worded as python-jsonschema words it, at what it is about.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';
import {POLICY_WITH_FINDINGS} from '../../../cli/commands/policies.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('policy-schema', 'p.yaml', text);

describe('policy-schema', () => {
  it('points a wrong type at the value', () => {
    expect(findings(POLICY_WITH_FINDINGS)).toEqual(["9:11 $.guards.0.when: \"role == 'agent' and\" is not of type 'object'"]);
  });

  it('points an unexpected key at that key', () => {
    expect(findings(`${MINIMAL}role: admin\n`)).toEqual(["3:1 $: Additional properties are not allowed ('role' was unexpected)"]);
  });

  it('points a missing key at the key of the mapping that lacks it', () => {
    expect(findings(`${MINIMAL}risk:\n  factors: []\n`)).toEqual(["3:1 $.risk: 'mode' is a required property"]);
  });

  it('reports every error, ordered by pointer', () => {
    expect(findings('policy_version: 1\nroles: []\n')).toEqual([
      "1:17 $.policy_version: 1 is not of type 'string'; unquoted, YAML reads 1 as a number: write \"1\" to keep it a string",
      '2:8 $.roles: [] should be non-empty',
    ]);
  });

  it('adds to an unquoted number or boolean where a string belongs how to quote it, in the words it was written', () => {
    expect(findings('policy_version: 1.0\nroles: [agent, on]\n')).toEqual([
      "1:17 $.policy_version: 1.0 is not of type 'string'; unquoted, YAML reads 1.0 as a number: write \"1.0\" to keep it a string",
      "2:16 $.roles.1: True is not of type 'string'; unquoted, YAML reads on as a boolean: write \"on\" to keep it a string",
    ]);
    // Not for a value that is no scalar written as text, nor for a type other than string.
    expect(findings('policy_version: [1]\nroles: [a]\n')).toEqual(["1:17 $.policy_version: [1] is not of type 'string'"]);
  });

  it('reads a second byte order mark as content, as validate and the reference do', () => {
    expect(findings('\ufeff\ufeffpolicy_version: "1"\nroles: [a]\n').join('\n')).toMatch(
      /Additional properties are not allowed \('\\ufeffpolicy_version' was unexpected\)/,
    );
  });

  it('is not reported for a policy the schema accepts', () => {
    expect(findings(MINIMAL)).toEqual([]);
  });
});
