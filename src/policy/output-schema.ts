// Whether a policy's output_schema can be used as a JSON Schema. The output
// gate compiles it as `jsonschema.validate` does (the draft its `$schema`
// names, else 2020-12), so one its metaschema refuses fails every output
// check; lint and validate report it, in python-jsonschema's words, before
// any invocation does.

import {compileSchema, InvalidSchemaError, type PathSegment} from '../jsonschema/index.js';
import {dictGet, isDict, type PyDict} from '../python/values.js';

export interface OutputSchemaProblem {
  message: string;
  /** Where in the policy: `output_schema` and the keywords and names leading to the offending value. */
  path: PathSegment[];
}

/** What makes `policy`'s output_schema unusable; undefined when it compiles or is not a mapping (the policy schema's concern). */
export function outputSchemaProblem(policy: PyDict): OutputSchemaProblem | undefined {
  const schema = dictGet(policy, 'output_schema');
  if (!isDict(schema)) return undefined;
  try {
    compileSchema(schema, {defaultDraft: 'draft2020'});
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidSchemaError)) throw error;
    return {message: `output_schema is not a valid JSON Schema: ${error.message}`, path: ['output_schema', ...error.schemaPath]};
  }
}
