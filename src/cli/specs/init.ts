// `aigc init`: its help, argument and flag (run: src/cli/run-init.ts).
import {defineCommand} from '../start/spec.js';

/**
 * The coverage threshold the starter workflow enforces (src/cli/init/starter-project.ts);
 * the starter suite reaches every outcome of the starter policy, so a change that leaves
 * part of the policy untested fails CI until a case covers it.
 */
export const STARTER_COVERAGE_THRESHOLD = 90;

export const INIT = defineCommand({
  id: 'init',
  summary: 'Start a project: a policy, its tests, golden fixtures and a CI workflow that pass their own checks.',
  description: `Writes into DIR (default: the working folder, created when missing):

  policies/assistant.yaml              a commented policy: roles, preconditions, a tool limit, an output schema
  tests/assistant.test.yaml            a test suite covering every outcome of that policy
  fixtures/golden/*.json               golden fixtures for aigc replay
  .github/workflows/aigc.yml           GitHub Actions: lint (SARIF to code scanning), tests (JUnit, coverage of at least ${STARTER_COVERAGE_THRESHOLD}%), replay
  .aigc.yaml                           the project config: which files are policies and suites, the coverage threshold
  schemas/*.schema.json                the JSON Schemas the files name in their yaml-language-server and $schema lines, as aigc schema prints them

The schemas are copied into the project, under the file names they have in the aigc package, so editors find them however aigc is installed, offline, and an example policy copied from the package's policies/ into DIR/policies finds its schema too.

Files that already exist are not touched: init refuses, naming them, unless --force, which overwrites those files (and only those). Other files in DIR are never changed.

Exit status: 0 written, 2 a file would be overwritten without --force (or usage error), 3 a file cannot be written.`,
  examples: [
    {description: 'Start a project in a new folder and check it', command: '<%= config.bin %> <%= command.id %> governance && cd governance && <%= config.bin %> policy test tests --threshold 90'},
    {description: 'Write the starter files again over edited ones', command: '<%= config.bin %> <%= command.id %> --force'},
  ],
  args: {dir: {description: 'Folder to write the project into (default: the working folder).'}},
  flags: {
    force: {type: 'boolean', description: 'Overwrite starter files that already exist.'},
  },
});
