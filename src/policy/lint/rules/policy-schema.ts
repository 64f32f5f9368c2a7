// policy-schema: the policy does not match the policy DSL schema.

import type {SchemaError} from '../../../jsonschema/index.js';
import {pyRepr} from '../../../python/repr.js';
import {isDict, isNumber, originalKey, type PyDict} from '../../../python/values.js';
import type {YamlPath} from '../../yaml.js';
import type {LintContext, LintRuleModule} from '../types.js';

export const policySchema: LintRuleModule = {
  id: 'policy-schema',
  severity: 'error',
  description: 'The policy does not match the policy DSL schema (Draft-07).',
  explanation:
    'Every error of schemas/policy_dsl.schema.json, worded as python-jsonschema words it and ordered as the reference orders them, each at the value it is about (an unexpected key at the key, a missing one at the mapping that lacks it). The reference refuses such a policy when it loads it, so every invocation under it would fail. `aigc schema policy` prints the schema for an editor.',
  example: 'policy_version: 1.0\nroles: [agent]\nrole: admin\n',
  check(context, report) {
    for (const error of context.schemaErrors()) {
      const {path, part} = schemaErrorPlace(error);
      report.at(path, `${error.pointer}: ${error.message}${quoteHint(context, error)}`, part);
    }
  },
};

/**
 * For a string field written unquoted (`policy_version: 1.0`, `role: yes`),
 * which YAML reads as a number or a boolean: how to keep it a string. The
 * schema's words stay first, as the reference's; the hint is aigc's.
 */
function quoteHint(context: LintContext, error: SchemaError): string {
  if (error.validator !== 'type' || !/is not of type 'string'$/.test(error.message)) return '';
  if (!isNumber(error.instance) && typeof error.instance !== 'boolean') return '';
  const range = context.read.document?.rangeOf(error.path, 'value');
  const text = range === undefined ? undefined : context.read.text?.slice(range.start.offset, range.end.offset);
  if (text === undefined || text === '' || /["'\n]/.test(text)) return '';
  const kind = isNumber(error.instance) ? 'a number' : 'a boolean';
  return `; unquoted, YAML reads ${text} as ${kind}: write "${text}" to keep it a string`;
}

/** Where a schema error is pointed at: an unexpected key at that key, a missing one at its mapping's key, anything else at the value. */
export function schemaErrorPlace(error: SchemaError): {path: YamlPath; part: 'key' | 'value'} {
  if (error.validator === 'additionalProperties' && isDict(error.instance)) {
    const unexpected = firstUnexpectedKey(error);
    if (unexpected !== undefined) return {path: [...error.path, unexpected], part: 'key'};
  }
  if (error.validator === 'required' && error.path.length > 0) return {path: error.path, part: 'key'};
  return {path: error.path, part: 'value'};
}

/** The first key of the mapping that the additionalProperties message names. */
function firstUnexpectedKey(error: SchemaError): string | undefined {
  const instance = error.instance as PyDict;
  const named = /\((.*) (?:was|were) unexpected\)/.exec(error.message)?.[1];
  if (named === undefined) return undefined;
  return Object.keys(instance).find((key) => named.includes(pyRepr(originalKey(instance, key))));
}
