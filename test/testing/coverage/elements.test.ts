// The inventory of a policy file: every element a case can observe, with its
// outcomes and where it is written; shapes the schema refuses declare nothing.
import {describe, expect, it} from 'vitest';
import {readYaml} from '../../../src/policy/yaml.js';
import type {PyDict} from '../../../src/python/values.js';
import {policyElements} from '../../../src/testing/coverage/index.js';

function inventory(text: string) {
  const document = readYaml(text);
  return policyElements(document.value as PyDict, document).map((element) => ({
    kind: element.kind,
    name: element.name,
    pointer: element.pointer,
    at: `${element.range?.start.line}:${element.range?.start.column}`,
    outcomes: element.outcomes.join(' '),
  }));
}

const EVERYTHING = `policy_version: "1"
extends: base.yaml
effective_date: "2026-01-01"
expiration_date: "2026-12-31"
roles:
  - agent
pre_conditions:
  required:
    ticket: {type: string}
tools:
  allowed_tools:
    - {name: search, max_calls: 2}
    - {name: unlimited}
conditions:
  is_admin: {type: boolean, default: false}
  eu: {type: boolean, required: true}
  plain: {type: boolean}
guards:
  - when: {condition: is_admin}
    then:
      roles: [auditor]
      output_schema: {type: object}
  - when: {condition: eu}
output_schema:
  type: object
post_conditions:
  required: [output_schema_valid]
risk:
  mode: strict
  threshold: 0.5
  factors:
    - {name: outside, weight: 0.5, condition: external_model}
`;

describe('policy elements', () => {
  it('lists every kind of element in the order written, each with its outcomes and line:column', () => {
    expect(inventory(EVERYTHING)).toEqual([
      {kind: 'composition_base', name: 'base.yaml', pointer: '/extends', at: '2:1', outcomes: 'merged'},
      {kind: 'date_window', name: 'from 2026-01-01 until 2026-12-31', pointer: '/effective_date', at: '3:1', outcomes: 'active not_yet_active expired'},
      {kind: 'role', name: 'agent', pointer: '/roles/0', at: '6:5', outcomes: 'allowed'},
      {kind: 'precondition', name: 'ticket', pointer: '/pre_conditions/required/ticket', at: '9:5', outcomes: 'satisfied violated'},
      {kind: 'tool', name: 'search', pointer: '/tools/allowed_tools/0', at: '12:7', outcomes: 'allowed max_calls_reached'},
      {kind: 'tool', name: 'unlimited', pointer: '/tools/allowed_tools/1', at: '13:7', outcomes: 'allowed'},
      {kind: 'condition', name: 'is_admin', pointer: '/conditions/is_admin', at: '15:3', outcomes: 'true false default'},
      {kind: 'condition', name: 'eu', pointer: '/conditions/eu', at: '16:3', outcomes: 'true false missing'},
      {kind: 'condition', name: 'plain', pointer: '/conditions/plain', at: '17:3', outcomes: 'true false'},
      {kind: 'guard', name: 'is_admin', pointer: '/guards/0', at: '19:5', outcomes: 'when_true when_false then_applied'},
      {kind: 'role', name: 'auditor', pointer: '/guards/0/then/roles/0', at: '21:15', outcomes: 'allowed'},
      {kind: 'output_schema', name: 'output_schema', pointer: '/guards/0/then/output_schema', at: '22:7', outcomes: 'accepted rejected'},
      {kind: 'guard', name: 'eu', pointer: '/guards/1', at: '23:5', outcomes: 'when_true when_false'},
      {kind: 'output_schema', name: 'output_schema', pointer: '/output_schema', at: '24:1', outcomes: 'accepted rejected'},
      {kind: 'postcondition', name: 'output_schema_valid', pointer: '/post_conditions/required/0', at: '27:14', outcomes: 'evaluated'},
      {kind: 'risk_threshold', name: '0.5', pointer: '/risk/threshold', at: '30:3', outcomes: 'exceeded not_exceeded'},
      {kind: 'risk_factor', name: 'outside', pointer: '/risk/factors/0', at: '32:7', outcomes: 'triggered not_triggered'},
    ]);
  });

  it('names a guard without a condition and a factor without a name by their index', () => {
    const elements = inventory('policy_version: "1"\nguards:\n  - then: {}\nrisk:\n  mode: strict\n  factors: [{weight: 0.1, condition: x}]\n');
    expect(elements.map((element) => [element.pointer, element.name])).toEqual([
      ['/guards/0', 'guard 0'],
      ['/risk', '0.7 (default)'],
      ['/risk/factors/0', 'factor 0'],
    ]);
  });

  it('escapes JSON pointer tokens of keys with a slash or a tilde', () => {
    expect(inventory('policy_version: "1"\npre_conditions:\n  required:\n    "a/b~c": {type: string}\n')[0]?.pointer).toBe('/pre_conditions/required/a~1b~0c');
  });

  it('declares nothing where the schema would refuse the shape (a role list that is a number, guards that are a mapping)', () => {
    expect(inventory('policy_version: "1"\nroles: 5\nguards: {a: 1}\ntools: [x]\nconditions: [y]\nrisk: {}\n')).toEqual([]);
  });
});
