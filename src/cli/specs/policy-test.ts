// `aigc policy test`: its help, arguments and flags (run: src/cli/run-policy-test.ts).
import {COVERAGE_FILE_FORMATS} from '../reporters/coverage/formats.js';
import {TEST_FORMATS} from '../reporters/test/formats.js';
import {defineCommand} from '../start/spec.js';
import {COLOR_FLAGS, CONFIG_FLAG, GATE_FLAG, NOW_HELP, PROJECT_PATHS_HELP, REDACT_FLAG, reportFlags, severalOutputsFlag, STRICT_FLAG} from './shared.js';
import {WALK_HELP} from '../../files/walk-help.js';

export const POLICY_TEST = defineCommand({
  id: 'policy:test',
  summary: 'Run policy test suites (*.test.yaml): invocations with the verdict each should get.',
  description: `Runs every case of the test suites found under PATH (files, folders or globs; a folder walk takes every *.test.yaml, or with a project config that sets suites, the files its globs match). ${WALK_HELP} ${PROJECT_PATHS_HELP} A case enforces an invocation against a policy at a fixed clock and checks the verdict, and optionally the failure gate, error class, reason (substring or /regex/) and parts of the artifact. Suites are validated against schemas/policy_test_suite.schema.json; a malformed suite is reported with file and line and nothing is run (the machine formats report it too: a github annotation, a junit test case with an <error>, a tap bail-out, suiteErrors in json).

A case is written in our shape (expect, input, output, tool_calls, policy) or in the Python reference's PolicyTestCase shape (expected_outcome, expected_gate, expected_error_type, input_data, output_data; also a case with policy_file and none of our shape's keys), which takes PolicyTestCase's defaults for the fields it leaves out. A case's policy or policy_file is relative to the suite file; a policy_file inside an invocation or the suite's defaults is relative to the working folder, as enforcement reads it. Invocation fields take any JSON value, so that invocations enforcement refuses can be tested too.

Output: failures first. The pretty format lists each failing case as it fails, with its file:line and the expected and actual values side by side, counts the passing ones (lists them with --verbose) and recaps every failure at the end; the text format gives one line per case (--quiet: failing cases only); then a closing line "N passed, N failed" (", N skipped" when any were). On a terminal outside CI the pretty format is a live view.

Coverage (--coverage, --threshold, --coverage-output): the engine tells which elements of each policy the cases reached (roles, preconditions, tools, conditions, guards, output_schema, postconditions, risk factors and threshold, the date window, each extends base), each with its outcomes (a precondition satisfied and violated, a guard's when true and false and its then applied, ...); the summary counts the outcomes covered per policy file and names each element with an outcome no case reached, at file:line:column. --threshold PCT fails the run below PCT percent and says by how much. --coverage-format json|lcov with --coverage-output FILE writes the report for programs (JSON: schemas/coverage-report.schema.json) or for code-coverage tools (LCOV: genhtml, Codecov, GitLab). See docs/test-suites.md.

Exit status: 0 all cases passed, 1 a case failed (or a suite is malformed, or no case ran with --fail-on-empty, or coverage is below --threshold), 2 usage error, 3 I/O error. With --watch, 0 when Ctrl-C ends the watch, whatever the runs gave (each run's failures are in its report).`,
  examples: [
    {description: 'Run every suite of the project (.aigc.yaml), or below the current folder', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Run the cases about roles, stopping at the first failure', command: '<%= config.bin %> <%= command.id %> fixtures/suites --run role --bail'},
    {description: 'JUnit XML for a CI system', command: '<%= config.bin %> <%= command.id %> fixtures/suites -f junit -o policy-tests.xml'},
    {description: 'TAP for a TAP consumer', command: '<%= config.bin %> <%= command.id %> fixtures/suites -f tap | npx tap-parser'},
    {
      description: 'Fail below 80% policy coverage, and write LCOV for genhtml or Codecov',
      command: '<%= config.bin %> <%= command.id %> --threshold 80 --coverage-format lcov --coverage-output policy.lcov',
    },
    {description: 'Only the suites concerned by the policies changed since main', command: '<%= config.bin %> <%= command.id %> --changed-since main --coverage'},
    {description: 'Run again the suites concerned by each change to a suite or policy, until Ctrl-C', command: '<%= config.bin %> <%= command.id %> --watch'},
  ],
  args: {path: {description: 'Suite file, folder or glob (several may be given; default: the project, see above).'}},
  variadic: true,
  flags: {
    ...reportFlags(TEST_FORMATS),
    ...COLOR_FLAGS,
    output: severalOutputsFlag(TEST_FORMATS),
    run: {type: 'string', description: 'Run only the cases whose name or suite name matches REGEX.', helpValue: 'REGEX'},
    bail: {type: 'boolean', description: 'Stop at the first failing case.'},
    quiet: {
      type: 'boolean',
      char: 'q',
      description: 'List only the failing cases and the closing line (pretty, text, github); json, junit and tap stay whole documents for their readers.',
    },
    verbose: {type: 'boolean', description: 'List the passing cases too in the pretty format (by default they are counted, not listed).'},
    'fail-on-empty': {type: 'boolean', description: 'Fail (exit 1) when no case ran.'},
    now: {type: 'string', description: `Clock for cases whose suite sets no \`now\` (default: the real clock): ${NOW_HELP}.`, helpValue: 'EPOCH'},
    'policy-root': {type: 'string', description: 'Confine policy paths to DIR.', helpValue: 'DIR', isPath: true},
    strict: STRICT_FLAG,
    gate: GATE_FLAG,
    redact: REDACT_FLAG,
    coverage: {
      type: 'boolean',
      description:
        'Report policy coverage after the test report: per policy file, the outcomes of its elements the cases reached, and each element with one they did not, at file:line:column (on stderr when stdout carries a machine format).',
    },
    threshold: {
      type: 'string',
      description: 'Fail (exit 1) when less than PCT percent (0-100) of the outcomes are covered; implies --coverage.',
      helpValue: 'PCT',
      numeric: true,
    },
    // No `options`: a bad value is our usage error naming the formats.
    'coverage-format': {
      type: 'string',
      description: `Format of --coverage-output: ${COVERAGE_FILE_FORMATS.names.join(' or ')} (default json; see \`aigc schema coverage-report\`).`,
      helpValue: COVERAGE_FILE_FORMATS.names.join('|'),
      choices: COVERAGE_FILE_FORMATS.names,
    },
    'coverage-output': {type: 'string', description: 'Also write the coverage report to FILE (replaced atomically); implies --coverage.', helpValue: 'FILE', isPath: true},
    'changed-since': {
      type: 'string',
      description:
        'Run only the suites concerned by a change since the git revision REF (a changed policy, a policy extending one, or the suite itself), and report the coverage of the changed policies only.',
      helpValue: 'REF',
    },
    watch: {
      type: 'boolean',
      char: 'w',
      description:
        'After the run, watch the suites, the policies their cases read (and the bases these extend) and the folders given, and run again the suites a change concerns: a suite changed or added, every suite reading a changed policy. Each re-run is told on stderr (what changed, which suites run) and reported in full; Ctrl-C ends the watch with exit 0. No live view; not with --changed-since.',
    },
    config: CONFIG_FLAG,
  },
  config: {
    section: 'test',
    flags: ['format', 'output', 'quiet', 'verbose', 'bail', 'fail-on-empty', 'now', 'policy-root', 'strict', 'coverage', 'threshold', 'coverage-format', 'coverage-output'],
  },
});
