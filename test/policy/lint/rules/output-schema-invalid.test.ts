// output-schema-invalid: an output_schema that cannot be compiled.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('output-schema-invalid', 'p.yaml', text);

describe('output-schema-invalid', () => {
  it('reports a schema the metaschema refuses (an unknown type) at output_schema', () => {
    expect(findings(`${MINIMAL}output_schema:\n  type: object\n  properties:\n    answer: {type: strng}\n`)).toEqual([
      expect.stringMatching(/^4:3 output_schema is not a valid JSON Schema: /),
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
