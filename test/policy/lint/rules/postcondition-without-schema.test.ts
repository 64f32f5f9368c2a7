// postcondition-without-schema: output_schema_valid with no schema to check the output against.
import {describe, expect, it} from 'vitest';
import {lintWorkspace} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string) => workspace.findingsOf('postcondition-without-schema', name, text);

const OUTPUT_SCHEMA_REQUIRED = `policy_version: "1.0"
roles: [planner]
conditions:
  structured: {type: boolean, default: false}
post_conditions:
  required: [output_schema_valid]
`;

describe('postcondition-without-schema', () => {
  it('says every invocation would fail when output_schema_valid is required and nothing sets output_schema', () => {
    expect(findings('no-schema.yaml', OUTPUT_SCHEMA_REQUIRED)).toEqual([
      '6:14 output_schema_valid is required but neither the policy nor any guard sets output_schema, so every invocation would fail',
    ]);
  });

  it('does not, when a guard can set output_schema', () => {
    const text = `${OUTPUT_SCHEMA_REQUIRED}guards:\n  - when: {condition: structured}\n    then:\n      output_schema: {type: object}\n`;
    expect(workspace.lint('guard-schema.yaml', text).findings).toEqual([]);
  });

  it('does not, when the base it extends has an output_schema', () => {
    workspace.write({'base.yaml': 'policy_version: "1.0"\nroles: [planner]\noutput_schema: {type: object}\n'});
    expect(findings('child.yaml', `extends: base.yaml\n${OUTPUT_SCHEMA_REQUIRED}`)).toEqual([]);
  });
});
