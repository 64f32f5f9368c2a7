// suite-invalid: a policy test suite found beside the policies does not fit
// the suite schema. Not a check of a policy (the suite is read by
// src/testing/lint-suite.ts), but a rule like the others: an id, a severity,
// a page in the rules reference.

import type {LintRuleMetadata} from '../types.js';

export const suiteInvalid: LintRuleMetadata = {
  id: 'suite-invalid',
  severity: 'error',
  description: 'A policy test suite (*.test.yaml) is not valid YAML or does not fit the suite schema; `aigc policy test` would refuse it.',
  explanation:
    '`aigc policy lint` checks the suites it finds as suites, never as policies: each part written wrong (a case, a top-level key) is one finding at the line it is on, worded as `aigc policy test` words it, an unknown key with the key likely meant. See `aigc schema policy-test-suite` and docs/test-suites.md.',
  example: 'suite: support\ncases:\n  - name: agent may answer\n    policy: support.yaml\n    expct: PASS\n',
};
