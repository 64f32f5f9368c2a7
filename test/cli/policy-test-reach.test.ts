import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runPolicyTest} from '../../src/cli/run-policy-test.js';
import {temporaryFolder} from '../testing/helpers.js';
import {captureIo} from './capture.js';

let folder: ReturnType<typeof temporaryFolder>;
afterEach(() => folder.remove());

/** A folder with a legacy-precondition policy and a suite whose cases all expect PASS unless told. */
function setUp(cases: string): {suite: string; io: ReturnType<typeof captureIo>} {
  folder = temporaryFolder();
  writeFileSync(join(folder.path, 'legacy.yaml'), 'policy_version: "1"\nroles: [planner]\npre_conditions:\n  required: [approved]\n');
  writeFileSync(
    join(folder.path, 'gates.mjs'),
    "export default {name: 'needs-ticket', insertionPoint: 'pre_output', evaluate: (inv) => inv.context.ticket ? {} : {failures: [{code: 'NO_TICKET', message: 'no ticket for bob@example.com', field: 'context.ticket'}]}};\n",
  );
  const suite = join(folder.path, 'reach.test.yaml');
  writeFileSync(
    suite,
    `suite: reach\npolicy: legacy.yaml\nnow: 1700000000\ndefaults:\n  model_provider: internal\n  model_identifier: m\n  role: planner\n  input: {}\n  output: {}\n  context: {approved: true, ticket: T-1}\ncases:\n${cases}`,
  );
  return {suite, io: {...captureIo(), cwd: folder.path}};
}

describe('aigc policy test: strict mode, custom gates and redaction', () => {
  it('runs cases in strict mode with --strict', async () => {
    const {suite, io} = setUp('  - name: legacy policy\n    expect: {result: fail, gate: invocation_validation, reason: Strict mode}\n');
    expect(await runPolicyTest([suite], {format: 'text', strict: true}, io)).toBe(0);
    expect(await runPolicyTest([suite], {format: 'text'}, io)).toBe(1);
  });

  it('loads custom gates from a module with --gate', async () => {
    const {suite, io} = setUp('  - name: no ticket\n    context: {approved: true}\n    expect: {result: fail, gate: custom_gate_violation, error: NO_TICKET}\n');
    expect(await runPolicyTest([suite], {format: 'text', gate: ['gates.mjs']}, io)).toBe(0);
  });

  it('replaces the default redaction patterns with --redact', async () => {
    const cases = '  - name: redacted\n    context: {approved: true}\n    expect: {result: fail, reason: "no ticket for [REDACTED:person]"}\n';
    const {suite, io} = setUp(cases);
    expect(await runPolicyTest([suite], {format: 'text', gate: ['gates.mjs'], redact: ['person=bob@\\w+\\.com']}, io)).toBe(0);
    expect(await runPolicyTest([suite], {format: 'text', gate: ['gates.mjs']}, io)).toBe(1);
  });
});
