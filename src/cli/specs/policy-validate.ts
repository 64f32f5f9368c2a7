// `aigc policy validate`: its help, arguments and flags (run: src/cli/run-validate.ts).
import {defineCommand} from '../start/spec.js';
import {CONFIG_FLAG, NOW_HELP} from './shared.js';
import {WALK_HELP} from '../../files/walk-help.js';

export const POLICY_VALIDATE = defineCommand({
  id: 'policy:validate',
  summary: 'Load each policy fully, as enforcement would, and report OK or FAIL.',
  description: `For each policy file: first the lint stage (YAML and the policy schema, on the file as written), then a full load as enforcement does it: the extends chain with its composition strategy, the composition restriction (no added roles, no dropped postconditions), the schema of the composed policy and its dates. Prints "OK    file" or "FAIL  file (lint|validate)" like the Python reference; the reasons go to stderr, worded and ordered as the reference prints them, each after the file name (and line and column where known).

PATH is a file, a folder (every *.yaml/*.yml below it) or a glob. ${WALK_HELP}

Exit status: 0 all OK, 1 any FAIL, 2 usage error, 3 a file could not be read (missing, unreadable, a folder, over 1 MiB, not UTF-8; its FAIL line is still printed).`,
  examples: [
    {description: 'Validate every policy', command: '<%= config.bin %> <%= command.id %> policies/'},
    {description: 'Show the effective (composed) policy', command: '<%= config.bin %> <%= command.id %> policies/analytics-team.yaml --print'},
    {description: 'As of a given day, in JSON', command: '<%= config.bin %> <%= command.id %> policies --now 2027-01-01T00:00:00Z --json'},
  ],
  args: {path: {description: 'Policy file, folder or glob (several may be given).', required: true}},
  variadic: true,
  flags: {
    json: {type: 'boolean', description: "Machine-readable result: each file's verdict, stage, errors and their locations (with --print, its effective policy)."},
    print: {type: 'boolean', description: 'Print the effective policy of each valid file (YAML; JSON with --json).'},
    now: {type: 'string', description: `Check dates as of this instant (default: now): ${NOW_HELP}.`, helpValue: 'EPOCH'},
    output: {type: 'string', char: 'o', description: 'Write the result to FILE (atomically) instead of stdout.', helpValue: 'FILE', isPath: true},
    verbose: {type: 'boolean', description: 'Also list, on stderr, the YAML files a folder walk or glob found and skipped as not policies.'},
    config: CONFIG_FLAG,
  },
  config: {section: 'validate', flags: ['json', 'output', 'now']},
});
