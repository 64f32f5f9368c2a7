// `aigc policy lint`: its help, arguments and flags (run: src/cli/run-lint.ts).
import {LINT_FORMATS} from '../reporters/lint/formats.js';
import {defineCommand} from '../start/spec.js';
import {COLOR_FLAGS, CONFIG_FLAG, NOW_HELP, PROJECT_PATHS_HELP, reportFlags, severalOutputsFlag} from './shared.js';
import {WALK_HELP} from '../../files/walk-help.js';

export const POLICY_LINT = defineCommand({
  id: 'policy:lint',
  summary: 'Check policy files for YAML, schema and semantic problems.',
  description: `Checks each policy file: YAML syntax with YAML 1.1 value rules (like the Python reference), the policy DSL schema, and semantic rules (guard expressions parse, output_schema is a valid JSON Schema, typed preconditions are valid, postconditions are supported, extends targets exist without cycles or escalation, dates are valid and ordered, risk factor conditions are known, patterns cannot backtrack catastrophically). Every finding has a stable rule id, a severity and a file:line:column range; columns count characters (code points, as PyYAML does), except in SARIF, which counts UTF-16 code units as it declares.

PATH is a file, a folder (every *.yaml/*.yml below it) or a glob. ${WALK_HELP} ${PROJECT_PATHS_HELP}

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage error, 3 a file could not be read (missing, unreadable, a folder, over 1 MiB, not UTF-8); the report still covers every file.`,
  examples: [
    {description: 'Lint the policies and suites of the project (.aigc.yaml), or of the current folder', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Lint every policy under policies/', command: '<%= config.bin %> <%= command.id %> policies/'},
    {description: 'SARIF for GitHub code scanning', command: '<%= config.bin %> <%= command.id %> "policies/**/*.yaml" -f sarif -o lint.sarif'},
    {description: 'Annotations in a GitHub Actions workflow, failing on any warning', command: '<%= config.bin %> <%= command.id %> policies -f github --max-warnings 0'},
  ],
  args: {path: {description: 'Policy file, folder or glob (several may be given; default: the project, see above).'}},
  variadic: true,
  flags: {
    ...reportFlags(LINT_FORMATS),
    ...COLOR_FLAGS,
    output: severalOutputsFlag(LINT_FORMATS),
    'max-warnings': {type: 'integer', description: 'Fail (exit 1) when there are more than N warnings.', min: 0, helpValue: 'N'},
    now: {type: 'string', description: `Date checks as of this instant (default: now): ${NOW_HELP}.`, helpValue: 'EPOCH'},
    verbose: {type: 'boolean', description: 'Also list, on stderr, the YAML files a folder walk or glob found and skipped as not policies.'},
    config: CONFIG_FLAG,
  },
  config: {section: 'lint', flags: ['format', 'output', 'max-warnings', 'now']},
});
