// The lint rules, each with a stable id. Schema and YAML rules fail exactly
// the files the reference's `aigc policy lint` fails; the semantic rules
// catch what the reference only discovers when an invocation fails.

import type {LintRule} from './types.js';

export const RULES = {
  fileUnreadable: {id: 'file-unreadable', severity: 'error', description: 'The file cannot be read, is too large, or is not UTF-8.'},
  yamlSyntax: {id: 'yaml-syntax', severity: 'error', description: 'The file is not valid YAML (YAML 1.1, one document, safe tags only).'},
  yamlDuplicateKey: {id: 'yaml-duplicate-key', severity: 'warning', description: 'A mapping repeats a key; the last value wins, silently.'},
  rootType: {id: 'policy-root-type', severity: 'error', description: 'The policy document must be a mapping.'},
  schema: {id: 'policy-schema', severity: 'error', description: 'The policy does not match the policy DSL schema (Draft-07).'},
  guardSyntax: {id: 'guard-syntax', severity: 'error', description: 'A guard condition is not a valid guard expression; every invocation would fail.'},
  guardUnknownCondition: {id: 'guard-unknown-condition', severity: 'warning', description: 'A guard uses a bare name that is not a declared condition; evaluation fails unless it is declared.'},
  outputSchemaInvalid: {id: 'output-schema-invalid', severity: 'error', description: 'output_schema is not a valid JSON Schema.'},
  preconditionInvalid: {id: 'precondition-invalid', severity: 'error', description: 'A typed precondition has an unknown type or an invalid pattern.'},
  postconditionUnsupported: {id: 'postcondition-unsupported', severity: 'error', description: 'A required postcondition is not supported; every invocation would fail.'},
  postconditionWithoutSchema: {id: 'postcondition-without-schema', severity: 'error', description: 'output_schema_valid is required but neither the policy nor any guard has an output_schema; every invocation would fail.'},
  extendsTarget: {id: 'extends-target', severity: 'error', description: 'The policy named by extends does not exist, cannot be loaded, or forms a cycle.'},
  compositionEscalation: {id: 'composition-escalation', severity: 'error', description: 'Composing with the base would add roles or drop required postconditions.'},
  dateInvalid: {id: 'date-invalid', severity: 'error', description: 'effective_date / expiration_date are not valid dates or are out of order.'},
  dateInactive: {id: 'date-inactive', severity: 'warning', description: 'The policy is expired or not yet active today.'},
  riskFactorCondition: {id: 'risk-factor-condition', severity: 'warning', description: 'A risk factor condition is neither a built-in nor a declared context key.'},
} as const satisfies Record<string, LintRule>;

export const ALL_RULES: LintRule[] = Object.values(RULES);
