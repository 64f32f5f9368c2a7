// The lint rules, one module each under rules/, in the order they run and
// are listed (SARIF's rules, JUnit's test cases). YAML and schema rules fail
// exactly the files the reference's `aigc policy lint` fails; the semantic
// rules catch what the reference only discovers when an invocation fails.

import {compositionEscalation} from './rules/composition-escalation.js';
import {dateInactive} from './rules/date-inactive.js';
import {dateInvalid} from './rules/date-invalid.js';
import {extendsTarget} from './rules/extends-target.js';
import {fileUnreadable} from './rules/file-unreadable.js';
import {guardSyntax} from './rules/guard-syntax.js';
import {guardUnknownCondition} from './rules/guard-unknown-condition.js';
import {outputSchemaInvalid} from './rules/output-schema-invalid.js';
import {policyRootType} from './rules/policy-root-type.js';
import {policySchema} from './rules/policy-schema.js';
import {postconditionUnsupported} from './rules/postcondition-unsupported.js';
import {postconditionWithoutSchema} from './rules/postcondition-without-schema.js';
import {preconditionInvalid} from './rules/precondition-invalid.js';
import {regexBacktracking} from './rules/regex-backtracking.js';
import {riskFactorCondition} from './rules/risk-factor-condition.js';
import {yamlDuplicateKey} from './rules/yaml-duplicate-key.js';
import {yamlSyntax} from './rules/yaml-syntax.js';
import type {LintRule, LintRuleModule} from './types.js';

export const LINT_RULES: readonly LintRuleModule[] = [
  fileUnreadable,
  yamlSyntax,
  yamlDuplicateKey,
  policyRootType,
  policySchema,
  guardSyntax,
  guardUnknownCondition,
  outputSchemaInvalid,
  preconditionInvalid,
  postconditionUnsupported,
  postconditionWithoutSchema,
  extendsTarget,
  compositionEscalation,
  dateInvalid,
  dateInactive,
  riskFactorCondition,
  // later rules go last, so the index of every earlier rule in SARIF reports stays what it was
  regexBacktracking,
];

/** What reports list of each rule. */
export const ALL_RULES: LintRule[] = LINT_RULES.map(({id, severity, description}) => ({id, severity, description}));
