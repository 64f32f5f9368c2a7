// The files `aigc init` writes: a small project that passes its own checks (a
// commented policy, a suite covering it, golden fixtures, a CI workflow, and
// the JSON Schemas editors validate them with). Kept as data so the command
// only decides where and whether to write them.
import {readShippedSchemaText, SHIPPED_SCHEMAS, type ShippedSchemaName} from '../../schemas.js';
import {STARTER_COVERAGE_THRESHOLD} from '../specs/init.js';

export interface StarterFile {
  /** Path inside the project, with `/` separators. */
  path: string;
  contents: string;
}

/**
 * Where the starter files find their schemas: copies written into the project
 * by `aigc init` (what `aigc schema NAME` prints), so editors resolve them
 * whatever way aigc is installed (globally, with npx, in node_modules) and
 * offline, and they match the aigc version the project was made with. They
 * keep the package's file names in a `schemas/` folder beside `policies/`, as
 * in the package, so an example policy copied from the package into
 * `policies/` finds its schema too.
 */
const SCHEMA_FILES = {
  policy: `schemas/${SHIPPED_SCHEMAS.policy}`,
  'policy-test-suite': `schemas/${SHIPPED_SCHEMAS['policy-test-suite']}`,
  'golden-fixture': `schemas/${SHIPPED_SCHEMAS['golden-fixture']}`,
  config: `schemas/${SHIPPED_SCHEMAS.config}`,
} as const satisfies Partial<Record<ShippedSchemaName, string>>;

const POLICY = `# yaml-language-server: $schema=../${SCHEMA_FILES.policy}
#
# The policy of one AI assistant. aigc checks every model invocation against
# it, gate by gate in this order, and the first gate that refuses decides:
# role, preconditions, tools, output schema, postconditions.
#   aigc policy lint policies      finds mistakes in this file
#   aigc policy test tests         runs the cases in tests/assistant.test.yaml
#   aigc replay fixtures/golden    compares with the recorded decisions

# Copied into every audit artifact. Quoted: unquoted, 1.0 would be a number.
policy_version: "1.0"
description: Support assistant answering tickets for verified customers

# Who may call the model: the invocation's \`role\` must be one of these.
roles:
  - agent
  - supervisor

# What the invocation's \`context\` must hold before the model is called: each
# key with the JSON Schema constraints its value must meet.
pre_conditions:
  required:
    customer_verified:
      type: boolean
      enum: [true]
    ticket_id:
      type: string
      pattern: "^TCK-[0-9]{6}$"

# The tools the model may call (the invocation's \`tool_calls\`), each with the
# most calls allowed in one invocation. Any other tool is refused.
tools:
  allowed_tools:
    - name: order_lookup
      max_calls: 1

# What the model's output must look like (JSON Schema, draft-07).
output_schema:
  type: object
  additionalProperties: false
  properties:
    answer:
      type: string
      minLength: 1
    escalate:
      type: boolean
  required: [answer, escalate]

# Checked after the call: the output must have matched output_schema.
post_conditions:
  required:
    - output_schema_valid
`;

const SUITE = `# yaml-language-server: $schema=../${SCHEMA_FILES['policy-test-suite']}
#
# Cases for policies/assistant.yaml: every role, precondition, tool limit and
# the output schema, passing and refused. \`aigc policy test tests --coverage\`
# shows which parts of the policy the cases reach.
suite: assistant
policy: ../policies/assistant.yaml
# A fixed clock, so results do not depend on the day the tests run.
now: "2026-01-01T00:00:00Z"
# Every case starts from these invocation fields and overrides what it needs.
defaults:
  model_provider: internal
  model_identifier: support-7b
  role: agent
  input: {question: "Where is my order?"}
  context: {customer_verified: true, ticket_id: TCK-000042}
  output: {answer: It ships tomorrow., escalate: false}
cases:
  - name: an agent answers a verified customer
    expect: pass
  - name: a supervisor may answer too
    role: supervisor
    expect: pass
  - name: an intern is refused
    role: intern
    expect:
      result: fail
      gate: role_validation
      reason: Unauthorized role 'intern'
  - name: an unverified customer is refused
    context: {customer_verified: false, ticket_id: TCK-000042}
    expect: {result: fail, gate: precondition_validation, reason: /customer_verified/}
  - name: a malformed ticket id is refused
    context: {customer_verified: true, ticket_id: "42"}
    expect: {result: fail, gate: precondition_validation, reason: /ticket_id/}
  - name: one order lookup is within the limit
    tool_calls: [{name: order_lookup}]
    expect: pass
  - name: a second order lookup exceeds the limit
    tool_calls: [{name: order_lookup}, {name: order_lookup}]
    expect: {result: fail, gate: tool_validation}
  - name: an answer without escalate is refused
    output: {answer: Yes}
    expect: {result: fail, gate: schema_validation}
`;

function goldenFixture(name: string, invocation: Record<string, unknown>, expected: Record<string, unknown>): string {
  const fixture = {$schema: `../../${SCHEMA_FILES['golden-fixture']}`, name, now: '2026-01-01T00:00:00Z', invocation, expected};
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

const INVOCATION = {
  policy_file: 'policies/assistant.yaml',
  model_provider: 'internal',
  model_identifier: 'support-7b',
  role: 'agent',
  input: {question: 'Where is my order?'},
  context: {customer_verified: true, ticket_id: 'TCK-000042'},
  output: {answer: 'It ships tomorrow.', escalate: false},
};

// Expectations are compared as subsets of the artifact: these fields are the
// decision and what it rests on; `aigc replay -u` records the whole artifact.
const AGENT_ANSWERS = goldenFixture('an agent answers a verified customer', INVOCATION, {
  policy_file: 'policies/assistant.yaml',
  policy_version: '1.0',
  role: 'agent',
  enforcement_result: 'PASS',
  failure_gate: null,
  failure_reason: null,
  metadata: {postconditions_satisfied: ['output_schema_valid']},
});

const INTERN_REFUSED = goldenFixture(
  'an intern is refused',
  {...INVOCATION, role: 'intern'},
  {
    policy_file: 'policies/assistant.yaml',
    policy_version: '1.0',
    role: 'intern',
    enforcement_result: 'FAIL',
    failure_gate: 'role_validation',
    failure_reason: "Unauthorized role 'intern'",
  },
);

function workflow(version: string): string {
  return `# Checks the policies on every push and pull request: lint (findings in
# code scanning), the test suites (a JUnit report, a coverage threshold) and
# the golden replays (CI is set, so a fixture without an expectation fails).
name: aigc
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  policies:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install aigc
        run: npm install --global aigc@${version}
      - name: Lint the policies
        run: aigc policy lint policies -f sarif -o aigc-lint.sarif
      - name: Upload the lint findings to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: aigc-lint.sarif
          category: aigc-policy-lint
      - name: Run the policy tests
        run: aigc policy test tests -f junit -o aigc-tests.xml --threshold ${STARTER_COVERAGE_THRESHOLD}
      - name: Keep the test report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: aigc-tests
          path: aigc-tests.xml
      - name: Replay the golden fixtures
        run: aigc replay fixtures/golden
`;
}

const CONFIG = `# yaml-language-server: $schema=${SCHEMA_FILES.config}
# The project's aigc settings: aigc finds this file from any folder below it
# (or is given it with --config), and flags on the command line win over it.
# \`aigc schema config\` prints every key it may hold.

# Which YAML files a folder walk reads as policies and as test suites.
policies:
  include: ["policies/**/*.yaml"]
suites:
  include: ["tests/**/*.test.yaml"]

# policy test fails when the suites cover less of the policies than this.
test:
  threshold: ${STARTER_COVERAGE_THRESHOLD}

# A rule's severity can be changed here (error, warning or "off"), e.g.
# lint:
#   rules:
#     date-inactive: error
`;

function schemaFile(name: keyof typeof SCHEMA_FILES): StarterFile {
  const text = readShippedSchemaText(name);
  return {path: SCHEMA_FILES[name], contents: text.endsWith('\n') ? text : `${text}\n`};
}

/** Every file of the starter project, in the order they are written; `version` is the aigc the workflow installs. */
export function starterProject(version: string): StarterFile[] {
  return [
    {path: 'policies/assistant.yaml', contents: POLICY},
    {path: 'tests/assistant.test.yaml', contents: SUITE},
    {path: 'fixtures/golden/agent-answers.json', contents: AGENT_ANSWERS},
    {path: 'fixtures/golden/intern-refused.json', contents: INTERN_REFUSED},
    {path: '.github/workflows/aigc.yml', contents: workflow(version)},
    {path: '.aigc.yaml', contents: CONFIG},
    schemaFile('policy'),
    schemaFile('policy-test-suite'),
    schemaFile('golden-fixture'),
    schemaFile('config'),
  ];
}
