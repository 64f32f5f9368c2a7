// Catastrophic patterns from every place a pattern comes from, against a few
// dozen characters: each run finishes (a generous timeout guards it), with
// the reference's verdict where the linear-time engine answers, and where only
// the budget can stop the match, a FAIL at the gate naming the pattern and the
// budget (enforce) or a usage error (policy test).
import {afterAll, describe, expect, it} from 'vitest';
import {expectOneLineError, tempFolder} from '../cli/command-line.js';
import {spawnAigc as aigc} from './cli.js';

const HOSTILE = `${'a'.repeat(40)}b`;
const BUDGET = 'exceeded the regex matching budget of 1000 ms';
const GUARD = {timeout: 60_000};
const folder = tempFolder('aigc-hostile-regex-');
afterAll(() => folder.remove());

folder.file(
  'preconditions.yaml',
  [
    'policy_version: "1.0"',
    'roles: [planner]',
    'pre_conditions:',
    '  required:',
    "    nested: {type: string, pattern: '^(a+)+$'}",
    "    backreference: {type: string, pattern: '^(a*)*\\1$'}",
  ].join('\n'),
);
folder.file(
  'output.yaml',
  [
    'policy_version: "1.0"',
    'roles: [planner]',
    'output_schema:',
    '  type: object',
    '  properties:',
    "    alternation: {type: string, pattern: '(a|aa)+$'}",
    "    backreference: {type: string, pattern: '^(a*)*\\1$'}",
    '  patternProperties:',
    "    '^((?!x)a+)+$': {type: integer}",
    'post_conditions: {required: [output_schema_valid]}',
  ].join('\n'),
);

function invocation(policy: string, fields: {context?: object; output?: object; role?: string}): string {
  return JSON.stringify({
    policy_file: policy,
    model_provider: 'openai',
    model_identifier: 'gpt-4o',
    role: fields.role ?? 'planner',
    input: {},
    output: fields.output ?? {},
    context: fields.context ?? {},
  });
}

async function enforce(lines: string[], flags: string[] = []) {
  const run = await aigc(['enforce', '--now', '1700000000', ...flags], {cwd: folder.path, input: `${lines.join('\n')}\n`});
  return {run, artifacts: run.stdout.trim().split('\n').map((line) => JSON.parse(line))};
}

describe('enforce with catastrophic patterns', () => {
  it(
    'answers nested repeats in a precondition as the reference would, and fails a backreference at the precondition gate',
    async () => {
      const {run, artifacts} = await enforce([
        invocation('preconditions.yaml', {context: {nested: HOSTILE, backreference: 'aaaa'}}),
        invocation('preconditions.yaml', {context: {nested: 'aaaa', backreference: HOSTILE}}),
      ]);
      expect(run.code).toBe(1);
      expect(artifacts.map((artifact) => [artifact.enforcement_result, artifact.failure_gate, artifact.failure_reason])).toEqual([
        ['FAIL', 'precondition_validation', `Precondition 'nested' validation failed: '${HOSTILE}' does not match '^(a+)+$'`],
        ['FAIL', 'precondition_validation', `Precondition 'backreference' validation failed: pattern '^(a*)*\\\\1$' ${BUDGET}`],
      ]);
    },
    GUARD.timeout,
  );

  it(
    'fails output_schema pattern and patternProperties matches past the budget at the schema gate',
    async () => {
      const {artifacts} = await enforce([
        invocation('output.yaml', {output: {alternation: HOSTILE}}),
        invocation('output.yaml', {output: {backreference: HOSTILE}}),
        invocation('output.yaml', {output: {[HOSTILE]: 1}}),
      ]);
      expect(artifacts.map((artifact) => [artifact.failure_gate, artifact.failure_reason])).toEqual([
        ['schema_validation', `Output schema validation failed at $.alternation: '${HOSTILE}' does not match '(a|aa)+$'`],
        ['schema_validation', `Output schema validation failed: pattern '^(a*)*\\\\1$' ${BUDGET}`],
        ['schema_validation', `Output schema validation failed: pattern '^((?!x)a+)+$' ${BUDGET}`],
      ]);
    },
    GUARD.timeout,
  );

  it(
    'withholds a failure message whose --redact pattern runs past the budget, and redacts with one that finishes',
    async () => {
      const {artifacts} = await enforce([invocation('preconditions.yaml', {role: HOSTILE})], ['--redact', 'slow=(a*)*\\1$', '--redact', 'nested=(a+)+b']);
      expect(artifacts[0].failure_reason).toBe(`[REDACTED:slow] (pattern '(a*)*\\\\1$' ${BUDGET})`);
      expect(artifacts[0].metadata.redacted_fields).toEqual(['slow']);
      const linear = await enforce([invocation('preconditions.yaml', {role: HOSTILE})], ['--redact', 'nested=(a|aa)+b']);
      expect(linear.artifacts[0].failure_reason).toBe("Unauthorized role '[REDACTED:nested]'");
    },
    GUARD.timeout,
  );
});

describe('policy test with catastrophic patterns', () => {
  folder.file(
    'hostile.test.yaml',
    [
      'suite: hostile',
      'policy: preconditions.yaml',
      'defaults: {model_provider: openai, model_identifier: gpt-4o, role: planner, input: {}, output: {}, context: {}}',
      'cases:',
      `  - name: "${HOSTILE}"`,
      `    role: "${HOSTILE}"`,
      "    expect: {result: fail, gate: role_validation, reason: '/role .(a|aa)+$/'}",
    ].join('\n'),
  );
  folder.file(
    'backreference.test.yaml',
    [
      'suite: backreference',
      'policy: preconditions.yaml',
      'defaults: {model_provider: openai, model_identifier: gpt-4o, role: planner, input: {}, output: {}, context: {}}',
      'cases:',
      `  - name: unauthorized`,
      `    role: "${HOSTILE}"`,
      "    expect: {result: fail, reason: \"/role '(a*)*\\\\1$/\"}",
    ].join('\n'),
  );

  it(
    'checks a reason: /…/ run in linear time as usual',
    async () => {
      const run = await aigc(['policy', 'test', 'hostile.test.yaml', '--format', 'text'], {cwd: folder.path});
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('matches /role .(a|aa)+$/');
    },
    GUARD.timeout,
  );

  it(
    'reports a reason: /…/ past the budget as a usage error',
    async () => {
      const run = await aigc(['policy', 'test', 'backreference.test.yaml'], {cwd: folder.path});
      expectOneLineError(run, 2, `pattern /role '(a*)*\\1$/ ${BUDGET}`);
    },
    GUARD.timeout,
  );

  it(
    'filters with a --run pattern run in linear time, and reports one past the budget as a usage error',
    async () => {
      const linear = await aigc(['policy', 'test', 'hostile.test.yaml', '--run', '^(a|aa)+$', '--format', 'text'], {cwd: folder.path});
      expect(linear.code).toBe(0);
      expect(linear.stdout).toContain('0 passed, 0 failed');
      const slow = await aigc(['policy', 'test', 'hostile.test.yaml', '--run', '^(a*)*\\1$'], {cwd: folder.path});
      expectOneLineError(slow, 2, `pattern /^(a*)*\\1$/ ${BUDGET}`);
    },
    GUARD.timeout,
  );
});
