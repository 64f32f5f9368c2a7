// precondition-invalid: a typed precondition that cannot be checked.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';
import {POLICY_WITH_FINDINGS} from '../../../cli/commands/policies.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('precondition-invalid', 'p.yaml', text);

describe('precondition-invalid', () => {
  it('reports an unknown type at the type', () => {
    expect(findings(POLICY_WITH_FINDINGS)).toEqual(["7:13 precondition 'ticket' cannot be checked: 'strnig' is not valid under any of the given schemas"]);
  });

  it('reports a pattern that is not a regular expression', () => {
    expect(findings(`${MINIMAL}pre_conditions:\n  required:\n    ticket_id: {type: string, pattern: "[unclosed"}\n`)).toEqual([
      expect.stringMatching(/^5:40 precondition 'ticket_id' cannot be checked: /),
    ]);
  });

  it('accepts valid typed preconditions and untyped ones', () => {
    expect(findings(`${MINIMAL}pre_conditions:\n  required:\n    ticket_id: {type: string, pattern: "^T-"}\n    verified: {}\n`)).toEqual([]);
    expect(findings(`${MINIMAL}pre_conditions:\n  required: [ticket_id]\n`)).toEqual([]);
  });
});
