// The reference CLI's own lint (`aigc policy lint`, and the first stage of its
// `aigc policy validate`): the file read, its YAML, a mapping at the root,
// then every schema error ordered by path and worded as it prints them
// (`roles.0: 1 is not of type 'string'`). None of our semantic rules.

import {resolve} from 'node:path';
import type {SchemaError} from '../../jsonschema/index.js';
import {compareCodePoints} from '../../python/semantics.js';
import {plainRange} from '../../source-location.js';
import {readPolicyFile} from '../read.js';
import {policySchemaErrors} from '../schema.js';
import {YamlSyntaxError} from '../yaml.js';
import {fileUnreadable, unreadableMessage} from './rules/file-unreadable.js';
import {policyRootType} from './rules/policy-root-type.js';
import {policySchema, schemaErrorPlace} from './rules/policy-schema.js';
import {yamlSyntax} from './rules/yaml-syntax.js';
import type {SourceRange} from './types.js';

/** One problem of the reference CLI's own lint, worded as it prints them. */
export interface LintStageProblem {
  ruleId: string;
  message: string;
  range?: SourceRange;
}

/** The problems of `file` (read relative to `cwd`), in the reference's order. */
export function referenceLintStage(file: string, cwd: string = process.cwd()): LintStageProblem[] {
  const read = readPolicyFile(resolve(cwd, file));
  if (!read.ok) {
    const {problem} = read;
    if (problem.reason === 'root-not-mapping') return [{ruleId: policyRootType.id, message: 'Policy must be a YAML mapping (dict)'}];
    if (problem.reason !== 'yaml-syntax') return [{ruleId: fileUnreadable.id, message: unreadableMessage(problem)}];
    const {error} = problem;
    if (!(error instanceof YamlSyntaxError)) return [{ruleId: yamlSyntax.id, message: `YAML parse error: ${error.message}`}];
    const message = `YAML parse error: ${[error.context, error.reason].filter(Boolean).join(', ')}`;
    return [{ruleId: yamlSyntax.id, message, range: plainRange(error.range)}];
  }
  return byPath(policySchemaErrors(read.policy)).map((error) => {
    const {path, part} = schemaErrorPlace(error);
    const message = `${error.path.map(String).join('.') || '$'}: ${error.message}`;
    return {ruleId: policySchema.id, message, range: plainRange(read.document.rangeOf(path, part))};
  });
}

/** The reference CLI's order: by path as a list (indexes as numbers, keys by code point), stable. */
function byPath(errors: SchemaError[]): SchemaError[] {
  const compare = (a: SchemaError['path'], b: SchemaError['path']): number => {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      const [x, y] = [a[index], b[index]];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
      if (order !== 0) return order;
    }
    return a.length - b.length;
  };
  return errors
    .map((error, index) => ({error, index}))
    .sort((a, b) => compare(a.error.path, b.error.path) || a.index - b.index)
    .map(({error}) => error);
}
