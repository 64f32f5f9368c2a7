// `aigc enforce --strict`, `--gate MODULE` and `--redact NAME=REGEX` (their
// help: test/cli-e2e/help.test.ts).
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {aigc} from '../command-line.js';

const dir = mkdtempSync(join(tmpdir(), 'aigc-enforce-reach-'));
const files: Record<string, string> = {
  'typed.yaml': 'policy_version: "1.0"\nroles: [planner]\npre_conditions:\n  required:\n    role_declared: {type: boolean}\n',
  'legacy.yaml': 'policy_version: "1.0"\nroles: [planner]\npre_conditions:\n  required: [role_declared]\n',
  // A gate refusing outputs that mention a ticket; its message also names a person's address.
  'ticket-gate.mjs': `export default {
  name: 'no_tickets',
  insertionPoint: 'pre_output',
  evaluate(invocation) {
    const text = JSON.stringify(invocation.output);
    if (!text.includes('TCK-')) return {passed: true};
    return {passed: false, failures: [{code: 'TICKET_LEAK', message: 'output quotes TCK-4711 for jo@example.com', field: 'output'}]};
  },
};
`,
  'named-gates.mjs': `const gate = (name, insertionPoint) => ({name, insertionPoint, evaluate: () => ({passed: true})});
export const audit = [gate('b_audit', 'post_output'), gate('c_audit', 'post_output')];
export const first = gate('a_first', 'pre_authorization');
export const version = '1.0';
`,
  'nothing.mjs': 'export const version = 1;\n',
  'not-a-gate.mjs': 'export default function gate() {}\n',
  'bad-point.mjs': "export default {name: 'g', insertionPoint: 'whenever', evaluate: () => ({})};\n",
  'throws.mjs': "throw new Error('gate module exploded');\n",
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

const invocation = (overrides: Record<string, unknown> = {}) =>
  `${JSON.stringify({
    policy_file: 'typed.yaml',
    model_provider: 'openai',
    model_identifier: 'gpt-4o',
    role: 'planner',
    input: {},
    context: {role_declared: true},
    output: {answer: 'see TCK-4711'},
    ...overrides,
  })}\n`;

const enforce = (args: string[], input = invocation()) => aigc(['enforce', '--now', '1700000000', ...args], {cwd: dir, input});
const artifactOf = (stdout: string) => JSON.parse(stdout.trim().split('\n')[0]);

describe('aigc enforce --strict', () => {
  it('refuses a policy with bare-string preconditions', async () => {
    const run = await enforce(['--strict'], invocation({policy_file: 'legacy.yaml'}));
    expect(run.code).toBe(1);
    expect(artifactOf(run.stdout)).toMatchObject({enforcement_result: 'FAIL', failure_reason: 'Strict mode policy validation failed'});
  });

  it('passes the same policy without it, and a typed policy with it', async () => {
    expect((await enforce([], invocation({policy_file: 'legacy.yaml'}))).code).toBe(0);
    expect((await enforce(['--strict'], invocation({output: {}}))).code).toBe(0);
  });
});

describe('aigc enforce --gate', () => {
  it("runs a module's default-export gate at its insertion point", async () => {
    const run = await enforce(['--gate', 'ticket-gate.mjs']);
    expect(run.code).toBe(1);
    const artifact = artifactOf(run.stdout);
    expect(artifact.failure_gate).toBe('custom_gate_violation');
    expect(artifact.failures[0].code).toBe('TICKET_LEAK');
    expect(artifact.metadata.gates_evaluated).toContain('custom:no_tickets');
  });

  it('takes every gate or gate array among named exports, in name order, across repeated flags', async () => {
    const run = await enforce(['--gate', './named-gates.mjs', '--gate', join(dir, 'ticket-gate.mjs')], invocation({output: {}}));
    expect(run.code).toBe(0);
    const gates = artifactOf(run.stdout).metadata.gates_evaluated.filter((gate: string) => gate.startsWith('custom:'));
    expect(gates).toEqual(['custom:a_first', 'custom:no_tickets', 'custom:b_audit', 'custom:c_audit']);
  });

  it.each([
    ['nothing.mjs', 2, 'nothing.mjs: exports no gates'],
    ['not-a-gate.mjs', 2, 'not-a-gate.mjs: the default export is not a gate or an array of gates'],
    ['bad-point.mjs', 2, "bad-point.mjs: the default export: Gate 'g' has invalid insertion_point 'whenever'"],
    ['throws.mjs', 3, 'throws.mjs: the gate module failed to load: gate module exploded'],
    ['missing.mjs', 3, 'missing.mjs: cannot load the gate module (no such file)'],
  ])('stops before enforcing anything when %s gives no usable gate (exit %i)', async (module, code, message) => {
    const run = await enforce(['--gate', module]);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`aigc enforce: ${message}`);
  });
});

describe('aigc enforce --redact', () => {
  it('replaces the default patterns with the given ones', async () => {
    const defaults = artifactOf((await enforce(['--gate', 'ticket-gate.mjs'])).stdout);
    expect(defaults.failures[0].message).toBe('output quotes TCK-4711 for [REDACTED:email]');

    const run = await enforce(['--gate', 'ticket-gate.mjs', '--redact', 'ticket=TCK-\\d+']);
    const artifact = artifactOf(run.stdout);
    expect(artifact.failures[0].message).toBe('output quotes [REDACTED:ticket] for jo@example.com');
    expect(artifact.metadata.redacted_fields).toEqual(['ticket']);
  });

  it('applies repeated patterns in order, in Python regex syntax', async () => {
    const run = await enforce(['--gate', 'ticket-gate.mjs', '--redact', 'ticket=(?i)tck-(?P<n>\\d+)', '--redact', 'who=\\w+@\\w+\\.com']);
    expect(artifactOf(run.stdout).failures[0].message).toBe('output quotes [REDACTED:ticket] for [REDACTED:who]');
  });

  it.each([
    ['x=(', '--redact x: invalid regex: missing ), unterminated subpattern'],
    ['ticket', '--redact ticket: expected NAME=REGEX'],
    ['=TCK', 'NAME must be letters'],
    ['ticket=', 'the regex is empty'],
  ])('refuses --redact %s as a usage error', async (value, message) => {
    const run = await enforce(['--redact', value]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
