// regex-backtracking: patterns that can backtrack catastrophically, warned about where they are written.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('regex-backtracking', 'p.yaml', text);

describe('regex-backtracking', () => {
  it('warns about a typed precondition pattern at the pattern, naming its growth, an attack text and the repeated part', () => {
    expect(findings(`${MINIMAL}pre_conditions:\n  required:\n    ticket_id: {type: string, pattern: "^(a+)+$"}\n`)).toEqual([
      "5:40 pattern '^(a+)+$' can backtrack catastrophically: exponential time on a text such as 'a' + 'a'.repeat(31) + '\\x00', repeating 'a'; the reference hangs on such texts and aigc fails the gate once the regex budget runs out",
    ]);
  });

  it('warns about output_schema pattern and patternProperties keys, nested at any depth', () => {
    const policy = `${MINIMAL}output_schema:\n  type: object\n  properties:\n    pattern: {type: string, pattern: "(\\\\d+)*x"}\n  patternProperties:\n    "^(x|x)*$": {type: string}\n  items:\n    - {pattern: "\\\\d+\\\\.?\\\\d*y"}\n`;
    expect(findings(policy)).toEqual([
      expect.stringMatching(/^6:38 pattern '\(\\d\+\)\*x' can backtrack catastrophically: exponential time /),
      expect.stringMatching(/^8:5 pattern '\^\(x\|x\)\*\$' can backtrack catastrophically: exponential time /),
      expect.stringMatching(/^10:17 pattern '\\d\+\\\.\?\\d\*y' can backtrack catastrophically: polynomial \(degree \d\) time /),
    ]);
  });

  it('accepts patterns that match in linear time, and leaves data values and invalid patterns alone', () => {
    expect(findings(`${MINIMAL}pre_conditions:\n  required:\n    ticket_id: {type: string, pattern: "^T-[0-9]+$"}\n`)).toEqual([]);
    expect(findings(`${MINIMAL}output_schema:\n  type: string\n  pattern: "^[a-f0-9-]{36}$"\n  const: {pattern: "^(a+)+$"}\n`)).toEqual([]);
    expect(findings(`${MINIMAL}output_schema:\n  type: string\n  pattern: "(unclosed"\n`)).toEqual([]);
  });
});
