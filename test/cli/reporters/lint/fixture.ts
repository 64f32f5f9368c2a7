// A fixed `aigc policy lint` report shared by the reporter tests: two files with
// findings (one with source text, one whole-file finding) and one clean file.
import type {LintReport} from '../../../../src/cli/reporters/lint/types.js';

export const CWD = '/repo';

export const MEDICAL_SOURCE = [
  'policy_version: "1.0"',
  'roles:',
  '  - planner',
  '  - planner',
  'pre_conditions:',
  '  required: yes',
  'guards:',
  '  - when: "role == "',
  '    then: {}',
  '',
].join('\n');

export const reportWithFindings: LintReport = {
  toolVersion: '0.1.0',
  errorCount: 3,
  warningCount: 1,
  rules: [
    {id: 'schema/type', severity: 'error', description: 'Values have the type the policy schema requires'},
    {id: 'roles/duplicate', severity: 'warning', description: 'A role is listed once'},
    {id: 'guards/syntax', severity: 'error', description: 'Guard expressions parse'},
    {id: 'extends/cycle', severity: 'error', description: 'extends chains do not form a cycle'},
    {id: 'dates/order', severity: 'error', description: 'effective_date is before expiration_date'},
  ],
  files: [
    {
      file: '/repo/policies/medical.yaml',
      source: MEDICAL_SOURCE,
      findings: [
        {
          ruleId: 'roles/duplicate',
          severity: 'warning',
          message: 'role "planner" is listed twice',
          file: '/repo/policies/medical.yaml',
          range: {start: {line: 4, column: 5}, end: {line: 4, column: 12}},
        },
        {
          ruleId: 'schema/type',
          severity: 'error',
          message: 'must be array',
          file: '/repo/policies/medical.yaml',
          range: {start: {line: 6, column: 13}, end: {line: 6, column: 16}},
        },
        {
          ruleId: 'guards/syntax',
          severity: 'error',
          message: 'unexpected end of expression',
          file: '/repo/policies/medical.yaml',
          range: {start: {line: 8, column: 11}, end: {line: 8, column: 21}},
        },
      ],
    },
    {
      file: '/repo/policies/loop.yaml',
      findings: [
        {
          ruleId: 'extends/cycle',
          severity: 'error',
          message: 'extends forms a cycle: loop.yaml → base.yaml → loop.yaml',
          file: '/repo/policies/loop.yaml',
        },
      ],
    },
    {file: '/repo/policies/clean.yaml', findings: [], source: 'policy_version: "1.0"\n'},
  ],
};

export const cleanReport: LintReport = {
  toolVersion: '0.1.0',
  errorCount: 0,
  warningCount: 0,
  rules: reportWithFindings.rules,
  files: [
    {file: '/repo/policies/clean.yaml', findings: [], source: 'policy_version: "1.0"\n'},
    {file: '/repo/policies/other.yaml', findings: []},
  ],
};

/** A finding after two astral characters: code point columns 15-16 are UTF-16 columns 17-18. */
export const ASTRAL_SOURCE = 'policy_version: "1"\nroles: ["\u{1F600}\u{1F600}", 1]\n';

export const reportWithAstralFinding: LintReport = {
  toolVersion: '0.1.0',
  errorCount: 1,
  warningCount: 0,
  rules: [{id: 'schema/type', severity: 'error', description: 'Values have the type the policy schema requires'}],
  files: [
    {
      file: '/repo/emoji.yaml',
      source: ASTRAL_SOURCE,
      findings: [
        {
          ruleId: 'schema/type',
          severity: 'error',
          message: "roles.1: 1 is not of type 'string'",
          file: '/repo/emoji.yaml',
          range: {start: {line: 2, column: 15}, end: {line: 2, column: 16}},
        },
      ],
    },
  ],
};
