// output-schema-invalid: output_schema cannot be used as a JSON Schema.

import {compileSchema, InvalidSchemaError} from '../../../jsonschema/index.js';
import {dictGet, isDict} from '../../../python/values.js';
import type {LintRuleModule} from '../types.js';

export const outputSchemaInvalid: LintRuleModule = {
  id: 'output-schema-invalid',
  severity: 'error',
  description: 'output_schema is not a valid JSON Schema.',
  explanation:
    'output_schema is compiled when an invocation’s output is checked; one that is not a valid JSON Schema (an unknown type, a pattern that is not a regular expression, an unresolvable $ref) makes that check fail for every invocation. The finding points at the offending keyword.',
  example: 'output_schema:\n  type: object\n  properties:\n    answer: {type: strng}\n',
  check(context, report) {
    const schema = context.policy ? dictGet(context.policy, 'output_schema') : undefined;
    if (!isDict(schema)) return;
    try {
      compileSchema(schema, {defaultDraft: 'draft2020'});
    } catch (error) {
      if (!(error instanceof InvalidSchemaError)) throw error;
      report.at(['output_schema', ...error.schemaPath], `output_schema is not a valid JSON Schema: ${error.message}`);
    }
  },
};
