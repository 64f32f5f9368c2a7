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
import {lintIgnoreInvalid} from './rules/lint-ignore-invalid.js';
import {outputSchemaInvalid} from './rules/output-schema-invalid.js';
import {policyRootType} from './rules/policy-root-type.js';
import {policySchema} from './rules/policy-schema.js';
import {postconditionUnsupported} from './rules/postcondition-unsupported.js';
import {postconditionWithoutSchema} from './rules/postcondition-without-schema.js';
import {preconditionInvalid} from './rules/precondition-invalid.js';
import {regexBacktracking} from './rules/regex-backtracking.js';
import {riskFactorCondition} from './rules/risk-factor-condition.js';
import {suiteInvalid} from './rules/suite-invalid.js';
import {yamlDuplicateKey} from './rules/yaml-duplicate-key.js';
import {yamlSyntax} from './rules/yaml-syntax.js';
import type {LintOptions, LintRule, LintRuleMetadata, LintRuleModule} from './types.js';

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
  lintIgnoreInvalid,
];

/** Every rule's documentation: the policy rules, then the rule suites found beside them are checked by. */
export const RULE_METADATA: readonly LintRuleMetadata[] = [...LINT_RULES, suiteInvalid];

/** What reports list of each rule. */
export const ALL_RULES: LintRule[] = RULE_METADATA.map(({id, severity, description, explanation}) => ({id, severity, description, explanation}));

/** Where a rule's documentation is: its section of the rules reference (docs/rules.md, generated from the rules). */
export function ruleHelpUri(ruleId: string): string {
  return `${RULES_REFERENCE_URI}#${ruleId}`;
}

export const RULES_REFERENCE_URI = 'https://aigc.dev/docs/rules.md';

/** The rules that run with these settings (`off` ones do not), each at the severity it reports with. */
export function rulesInEffect(settings: LintOptions['ruleSettings'] = {}): LintRule[] {
  return ALL_RULES.flatMap((rule) => {
    const setting = settings[rule.id];
    if (setting === 'off') return [];
    return [setting === undefined ? rule : {...rule, severity: setting}];
  });
}
