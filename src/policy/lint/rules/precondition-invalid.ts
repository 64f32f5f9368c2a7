// precondition-invalid: a typed precondition cannot be checked.

import {constraintSchema} from '../../../gates/preconditions.js';
import {compileSchema, InvalidSchemaError} from '../../../jsonschema/index.js';
import {dictGet, isDict} from '../../../python/values.js';
import type {LintRuleModule} from '../types.js';

export const preconditionInvalid: LintRuleModule = {
  id: 'precondition-invalid',
  severity: 'error',
  description: 'A typed precondition has an unknown type or an invalid pattern.',
  explanation:
    'A precondition written as a mapping (`ticket_id: {type: string, pattern: "^T-"}`) is checked as a JSON Schema against the invocation’s context. An unknown type or a pattern that is not a regular expression makes the check fail for every invocation. The finding points at the offending keyword.',
  example: 'pre_conditions:\n  required:\n    ticket_id:\n      type: strnig\n',
  check(context, report) {
    const pre = context.policy ? dictGet(context.policy, 'pre_conditions') : undefined;
    const required = isDict(pre) ? dictGet(pre, 'required') : undefined;
    if (!isDict(required)) return;
    for (const key of Object.keys(required)) {
      const schema = constraintSchema(required[key]);
      if (Object.keys(schema).length === 0) continue;
      try {
        compileSchema(schema, {defaultDraft: 'draft2020'});
      } catch (error) {
        if (!(error instanceof InvalidSchemaError)) throw error;
        report.at(['pre_conditions', 'required', key, ...error.schemaPath], `precondition '${key}' cannot be checked: ${error.message}`);
      }
    }
  },
};
