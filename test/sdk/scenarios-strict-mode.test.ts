import {describe, expect, it} from 'vitest';
import {PolicyValidationError} from '../../src/errors.js';
import {type LogRecord, setLogHandler} from '../../src/logging.js';
import {enforceInvocation} from '../../src/pipeline/enforce.js';
import {strictModeIssues} from '../../src/pipeline/strict.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({
  'typed.yaml': PLANNER_POLICY,
  'bare-strings.yaml': 'policy_version: "1.0"\nroles: [planner]\npre_conditions:\n  required: [role_declared]\n',
  'no-preconditions.yaml': 'policy_version: "1.0"\nroles: [planner]\n',
});
const clock = () => 1700000000;

const NO_ROLES = "Policy must define non-empty 'roles' list";
const NO_PRECONDITIONS = "Policy must define 'pre_conditions.required'";
const BARE_STRINGS = 'Policy uses bare-string preconditions; strict mode requires typed (dict) preconditions';

/** The warn-level messages aigc logs while `run` enforces. */
async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const records: LogRecord[] = [];
  setLogHandler((record) => records.push(record));
  try {
    await run();
  } finally {
    setLogHandler(null);
  }
  return records.filter((record) => record.level === 'warn').map((record) => record.message);
}

describe('strict-mode policy checks', () => {
  const TYPED_PRECONDITIONS = {required: {prompt: {type: 'string'}}};

  it.each<[string, PyDict, string[]]>([
    ['a policy with no roles', {roles: [], pre_conditions: TYPED_PRECONDITIONS}, [NO_ROLES]],
    ['a policy with no preconditions', {roles: ['planner']}, [NO_PRECONDITIONS]],
    ['a policy whose required preconditions are empty', {roles: ['planner'], pre_conditions: {required: {}}}, [NO_PRECONDITIONS]],
    ['a policy with bare-string preconditions', {roles: ['planner'], pre_conditions: {required: ['prompt']}}, [BARE_STRINGS]],
    ['a policy with roles and typed preconditions', {roles: ['planner'], pre_conditions: TYPED_PRECONDITIONS}, []],
  ])('lists the strict-mode issues of %s', (_, policy, issues) => {
    expect(strictModeIssues(policy)).toEqual(issues);
  });

  it('reports every issue of a policy, not only the first', () => {
    expect(strictModeIssues({roles: []})).toEqual([NO_ROLES, NO_PRECONDITIONS]);
  });
});

describe('Aigc in strict mode', () => {
  const strict = () => new Aigc({cwd: dir, clock, strictMode: true});

  it('refuses a policy without preconditions, naming the issue in details.issues', async () => {
    const failure = await strict()
      .enforce(invocation({policy_file: 'no-preconditions.yaml'}))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PolicyValidationError);
    expect(failure).toMatchObject({message: 'Strict mode policy validation failed', details: {issues: [NO_PRECONDITIONS]}});
  });

  it('records the refusal as a pre-pipeline FAIL at invocation_validation', async () => {
    await expect(strict().enforce(invocation({policy_file: 'bare-strings.yaml'}))).rejects.toMatchObject({
      details: {issues: [BARE_STRINGS]},
      auditArtifact: expect.objectContaining({
        enforcement_result: 'FAIL',
        failure_gate: 'invocation_validation',
        failures: [{code: 'PolicyValidationError', message: 'Strict mode policy validation failed', field: null}],
        policy_version: 'unknown',
        metadata: {gates_evaluated: [], redacted_fields: [], pre_pipeline_failure: true, enforcement_mode: 'unified'},
      }),
    });
  });

  it('enforces a policy with roles and typed preconditions', async () => {
    expect((await strict().enforce(invocation({policy_file: 'typed.yaml'}))).enforcement_result).toBe('PASS');
  });
});

const lenient = () => new Aigc({cwd: dir, clock});

describe('Aigc outside strict mode', () => {
  it.each([
    ['bare-string preconditions', 'bare-strings.yaml', BARE_STRINGS],
    ['missing preconditions', 'no-preconditions.yaml', NO_PRECONDITIONS],
  ])('warns about %s and still enforces', async (_what, policyFile, warning) => {
    let result: unknown;
    const warnings = await warningsDuring(async () => {
      result = (await lenient().enforce(invocation({policy_file: policyFile}))).enforcement_result;
    });
    expect(result).toBe('PASS');
    expect(warnings).toContain(warning);
  });

  it('has nothing to warn about for a policy with typed preconditions', async () => {
    expect(await warningsDuring(() => lenient().enforce(invocation({policy_file: 'typed.yaml'})))).toEqual([]);
  });
});

describe('the deprecation of bare-string preconditions', () => {
  const DEPRECATED = 'Bare-string preconditions are deprecated. Use typed format: required: {key: {type: string}}';

  it('is logged on each enforcement of such a policy, module-level and instance alike', async () => {
    const warnings = await warningsDuring(async () => {
      enforceInvocation(invocation({policy_file: 'bare-strings.yaml'}), {cwd: dir, now: clock});
      await lenient().enforce(invocation({policy_file: 'bare-strings.yaml'}));
    });
    expect(warnings.filter((warning) => warning === DEPRECATED)).toHaveLength(2);
  });

  it('is not logged for typed preconditions', async () => {
    expect(await warningsDuring(() => lenient().enforce(invocation({policy_file: 'typed.yaml'})))).not.toContain(DEPRECATED);
  });
});

describe('module-level enforcement', () => {
  it('neither refuses nor warns about a weak policy (strict mode belongs to Aigc instances)', async () => {
    let result: unknown;
    const warnings = await warningsDuring(async () => {
      result = enforceInvocation(invocation({policy_file: 'bare-strings.yaml'}), {cwd: dir, now: clock}).enforcement_result;
    });
    expect(result).toBe('PASS');
    expect(warnings).not.toContain(BARE_STRINGS);
  });
});
