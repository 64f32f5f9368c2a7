// output-schema-invalid: output_schema cannot be used as a JSON Schema.

import {outputSchemaProblem} from '../../output-schema.js';
import type {LintRuleModule} from '../types.js';

export const outputSchemaInvalid: LintRuleModule = {
  id: 'output-schema-invalid',
  severity: 'error',
  description: 'output_schema is not a valid JSON Schema.',
  explanation:
    'output_schema is compiled when an invocation’s output is checked; one that is not a valid JSON Schema (an unknown type, a pattern that is not a regular expression, an unresolvable $ref) makes that check fail for every invocation. The finding points at the offending value and words the problem as python-jsonschema does (`\'strng\' is not valid under any of the given schemas`); `aigc policy validate` fails the file with the same words, where the reference says OK.',
  example: 'output_schema:\n  type: object\n  properties:\n    answer: {type: strng}\n',
  check(context, report) {
    const problem = context.policy ? outputSchemaProblem(context.policy) : undefined;
    if (problem) report.at(problem.path, problem.message);
  },
};
