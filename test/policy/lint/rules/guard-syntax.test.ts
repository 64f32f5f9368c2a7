// guard-syntax: a guard condition enforcement could not parse.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('guard-syntax', 'p.yaml', text);
const guard = (condition: string) => `${MINIMAL}guards:\n  - when:\n      condition: ${JSON.stringify(condition)}\n    then: {}\n`;

describe('guard-syntax', () => {
  it('reports a condition cut short, with the message enforcement would give, at the condition', () => {
    expect(findings(guard("role == 'agent' and"))).toEqual([expect.stringMatching(/^5:18 \S/)]);
  });

  it('reports an empty condition and an unexpected character', () => {
    expect(findings(guard('   '))).toEqual(['5:18 Empty guard condition expression']);
    expect(findings(guard('role == @'))).toEqual(["5:18 Unexpected character in guard expression at position 8: '@'"]);
  });

  it('reports each guard that does not parse, and not the ones that do', () => {
    const text = `${MINIMAL}guards:\n  - when: {condition: "role == 'a'"}\n    then: {}\n  - when: {condition: "("}\n    then: {}\n`;
    expect(findings(text)).toEqual([expect.stringMatching(/^6:23 /)]);
  });

  it('leaves a guard without a string condition to the schema', () => {
    expect(findings(`${MINIMAL}guards:\n  - when: {condition: 5}\n    then: {}\n`)).toEqual([]);
  });
});
