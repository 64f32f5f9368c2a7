import {copyFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {InvocationValidationError} from '../../src/errors.js';
import {checksum} from '../../src/pipeline/artifact.js';
import {enforcePostCall, enforcePreCall} from '../../src/pipeline/split.js';
import type {PolicyLoader} from '../../src/policy/loader.js';
import type {PyDict, PyValue} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {thrownBy} from '../thrown.js';
import {PLANNER_POLICY, policyFolder, preCallInvocation as plannerPreCall} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
const clock = () => 1700000000;
const options = {cwd: dir, now: clock};

const VALID_OUTPUT = {result: 'test output', confidence: 0.95};

/** The planner's invocation before the call, asking `{query: 'test'}`. */
function preCallInvocation(overrides: PyDict = {}): PyDict {
  return plannerPreCall({input: {query: 'test'}, ...overrides});
}

describe('enforcePostCall without a token from enforcePreCall', () => {
  it.each<[string, unknown, string]>([
    ['a string', 'not a PreCallResult', 'str'],
    ['null', null, 'NoneType'],
    ['a number', 42, 'int'],
    ['a plain object', {fake: 'token'}, 'dict'],
  ])('refuses %s with a FAIL artifact naming what it received', (_, token, receivedType) => {
    const failure = thrownBy(InvocationValidationError, () => enforcePostCall(token, VALID_OUTPUT, options));
    expect(failure.message).toBe('enforce_post_call() requires a PreCallResult from enforce_pre_call()');
    expect(failure.details).toEqual({received_type: receivedType});
    expect(failure.auditArtifact).toMatchObject({
      enforcement_result: 'FAIL',
      failure_gate: 'invocation_validation',
      policy_file: 'unknown',
      role: 'unknown',
      metadata: {gates_evaluated: [], redacted_fields: [], pre_pipeline_failure: true, enforcement_mode: 'split'},
    });
  });
});

describe('enforcePostCall output checks', () => {
  it.each<[string, PyValue]>([
    ['null', null],
    ['a string', 'just a string'],
    ['a list', [{result: 'test'}]],
  ])('refuses %s as output, recording the token’s identity and an empty output', (_, output) => {
    const token = enforcePreCall(preCallInvocation(), options);
    const failure = thrownBy(InvocationValidationError, () => enforcePostCall(token, output, options));
    expect(failure.message).toBe('enforce_post_call() output must be a dict');
    expect(failure.details).toEqual({field: 'output'});
    expect(failure.auditArtifact).toMatchObject({
      failure_gate: 'invocation_validation',
      failures: [{code: 'InvocationValidationError', message: 'enforce_post_call() output must be a dict', field: 'output'}],
      policy_file: 'policy.yaml',
      role: 'planner',
      input_checksum: checksum({query: 'test'}),
      output_checksum: checksum({}),
      metadata: expect.objectContaining({pre_pipeline_failure: true, enforcement_mode: 'split'}),
    });
  });

  it('leaves the token unused after refusing an output, so a proper output can still be checked', () => {
    const token = enforcePreCall(preCallInvocation(), options);
    thrownBy(InvocationValidationError, () => enforcePostCall(token, null, options));
    expect(enforcePostCall(token, VALID_OUTPUT, options).enforcement_result).toBe('PASS');
  });
});

describe('enforcePreCall invocation checks', () => {
  it('names the missing required fields, recording a split_pre_call_only FAIL', () => {
    const {role: _role, context: _context, ...incomplete} = preCallInvocation();
    const failure = thrownBy(InvocationValidationError, () => enforcePreCall(incomplete, options));
    expect(failure.message).toBe('Invocation is missing required fields');
    expect(failure.details).toEqual({missing_fields: ['role', 'context']});
    expect(failure.auditArtifact).toMatchObject({
      failure_gate: 'invocation_validation',
      role: 'unknown',
      metadata: {gates_evaluated: [], redacted_fields: [], pre_pipeline_failure: true, enforcement_mode: 'split_pre_call_only'},
    });
  });
});

describe('the pre-call token', () => {
  it('snapshots exactly the six pre-call fields, never an output', () => {
    const token = enforcePreCall(preCallInvocation({output: {result: 'premature'}}), options);
    expect(Object.keys(token.invocationSnapshot).sort()).toEqual([
      'context',
      'input',
      'model_identifier',
      'model_provider',
      'policy_file',
      'role',
    ]);
  });

  it('keeps its own copy: later changes to the caller’s input do not reach the artifact', () => {
    const input = {query: 'test'};
    const token = enforcePreCall(preCallInvocation({input}), options);
    input.query = 'changed after the check';
    expect(token.invocationSnapshot.input).toEqual({query: 'test'});
    expect(enforcePostCall(token, VALID_OUTPUT, options).input_checksum).toBe(checksum({query: 'test'}));
  });
});

describe('split enforcement through an Aigc instance', () => {
  /** A file-free policy source that counts its loads. */
  function countingLoader(): PolicyLoader & {loads: number} {
    return {
      loads: 0,
      load() {
        this.loads++;
        return {policy_version: '1.0', roles: ['planner'], pre_conditions: {required: {role_declared: {type: 'boolean'}}}};
      },
    };
  }

  it('loads the policy into the instance cache once for repeated pre-calls', async () => {
    const aigc = new Aigc({cwd: dir, clock});
    const first = await aigc.enforcePreCall(preCallInvocation());
    const second = await aigc.enforcePreCall(preCallInvocation());
    expect(aigc.policyCache.size).toBe(1);
    expect(second.effectivePolicy).toEqual(first.effectivePolicy);

    const loader = countingLoader();
    const viaLoader = new Aigc({policyLoader: loader, clock});
    await viaLoader.enforcePreCall(preCallInvocation({policy_file: 'planner'}));
    await viaLoader.enforcePreCall(preCallInvocation({policy_file: 'planner'}));
    expect(loader.loads).toBe(1);
  });

  it('does not load the policy again after the pre-call', async () => {
    const loader = countingLoader();
    const aigc = new Aigc({policyLoader: loader, clock});
    const token = await aigc.enforcePreCall(preCallInvocation({policy_file: 'planner'}));
    expect(loader.loads).toBe(1);
    await aigc.enforcePostCall(token, VALID_OUTPUT);
    expect(loader.loads).toBe(1);
  });

  it('checks the output against the policy of the pre-call, even once its file is gone', async () => {
    const {dir: scratch} = policyFolder({});
    copyFileSync(join(dir, 'policy.yaml'), join(scratch, 'doomed.yaml'));
    const aigc = new Aigc({cwd: scratch, clock});
    const token = await aigc.enforcePreCall(preCallInvocation({policy_file: 'doomed.yaml'}));
    rmSync(join(scratch, 'doomed.yaml'));
    const artifact = await aigc.enforcePostCall(token, VALID_OUTPUT);
    expect(artifact).toMatchObject({enforcement_result: 'PASS', metadata: expect.objectContaining({enforcement_mode: 'split'})});
  });

  it('sends the artifacts of each instance to that instance’s sink only', async () => {
    const first: PyDict[] = [];
    const second: PyDict[] = [];
    const one = new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => first.push(artifact))});
    const other = new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => second.push(artifact))});
    const artifact = await one.enforcePostCall(await one.enforcePreCall(preCallInvocation()), VALID_OUTPUT);
    await expect(other.enforcePreCall(preCallInvocation({role: 'attacker'}))).rejects.toThrow("Unauthorized role 'attacker'");
    expect(first).toEqual([artifact]);
    expect(second.map((each) => [each.failure_gate, (each.metadata as PyDict).enforcement_mode])).toEqual([
      ['role_validation', 'split_pre_call_only'],
    ]);
  });
});
