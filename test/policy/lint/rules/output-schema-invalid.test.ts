// output-schema-invalid: an output_schema that cannot be compiled.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('output-schema-invalid', 'p.yaml', text);

describe('output-schema-invalid', () => {
  it('reports a schema the metaschema refuses (an unknown type) at the offending value, in python-jsonschema\'s words', () => {
    expect(findings(`${MINIMAL}output_schema:\n  type: object\n  properties:\n    answer: {type: strng}\n`)).toEqual([
      "6:20 output_schema is not a valid JSON Schema: 'strng' is not valid under any of the given schemas",
    ]);
    expect(findings(`${MINIMAL}output_schema:\n  type: objekt\n`)).toEqual([
      "4:9 output_schema is not a valid JSON Schema: 'objekt' is not valid under any of the given schemas",
    ]);
  });

  it('words a keyword of the wrong type as python-jsonschema does, never as Ajv does', () => {
    expect(findings(`${MINIMAL}output_schema:\n  type: string\n  minLength: -1\n`)).toEqual([
      '5:14 output_schema is not a valid JSON Schema: -1 is less than the minimum of 0',
    ]);
  });

  it('reports a pattern that is not a regular expression', () => {
    expect(findings(`${MINIMAL}output_schema:\n  type: string\n  pattern: "(unclosed"\n`)).toEqual([
      expect.stringMatching(/^5:12 output_schema is not a valid JSON Schema: /),
    ]);
  });

  it('accepts a valid schema, and leaves a schema that is not a mapping to policy-schema', () => {
    expect(findings(`${MINIMAL}output_schema:\n  type: object\n  required: [answer]\n`)).toEqual([]);
    expect(findings(`${MINIMAL}output_schema: [type]\n`)).toEqual([]);
  });
});
