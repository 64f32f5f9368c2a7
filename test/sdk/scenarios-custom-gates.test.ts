import {describe, expect, it, vi} from 'vitest';
import {redactionPattern} from '../../src/audit/redaction.js';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {CustomGateViolationError, GovernanceViolationError} from '../../src/errors.js';
import {type EnforcementGate, type GateResult, type InsertionPoint, validateGate} from '../../src/gates/custom.js';
import type {PolicyLoader} from '../../src/policy/loader.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc, type AigcOptions} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
const clock = () => 1700000000;

const PHASE_A_GATES = ['guard_evaluation', 'role_validation', 'precondition_validation', 'tool_constraint_validation'];
const PHASE_B_GATES = ['schema_validation', 'postcondition_validation'];
const VALID_POINTS = "('pre_authorization', 'post_authorization', 'pre_output', 'post_output')";

function gate(name: string, insertionPoint: InsertionPoint, evaluate: EnforcementGate['evaluate']): EnforcementGate {
  return {name, insertionPoint, evaluate};
}

/** A gate that reports one failure `{code: 'CUSTOM_FAIL', message}`. */
function blockingGate(name: string, insertionPoint: InsertionPoint, message: string): EnforcementGate {
  return gate(name, insertionPoint, () => ({passed: false, failures: [{code: 'CUSTOM_FAIL', message, field: null}]}));
}

function metadataGate(name: string, insertionPoint: InsertionPoint, metadata?: Record<string, unknown>): EnforcementGate {
  return gate(name, insertionPoint, () => (metadata === undefined ? {passed: true} : {passed: true, metadata}));
}

const aigcWith = (customGates: EnforcementGate[], options: AigcOptions = {}) => new Aigc({cwd: dir, clock, customGates, ...options});

async function failureOf(pending: Promise<unknown>): Promise<CustomGateViolationError> {
  const failure = await pending.then(
    () => expect.fail('expected enforcement to fail'),
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(CustomGateViolationError);
  return failure as CustomGateViolationError;
}

describe('custom gates around the role check', () => {
  it('lets a failing pre_authorization gate pre-empt a role failure', async () => {
    const failure = await failureOf(aigcWith([blockingGate('early_block', 'pre_authorization', 'early block')]).enforce(invocation({role: 'nobody'})));
    expect(failure.auditArtifact).toMatchObject({
      failure_gate: 'custom_gate_violation',
      failures: [{code: 'CustomGateViolationError', message: 'Custom gate failed at pre_authorization: early block', field: null}],
      metadata: {gates_evaluated: ['custom:early_block'], redacted_fields: [], enforcement_mode: 'unified'},
    });
  });

  it('lets a role failure through a passing pre_authorization gate, which is still recorded', async () => {
    await expect(aigcWith([metadataGate('permissive', 'pre_authorization')]).enforce(invocation({role: 'nobody'}))).rejects.toMatchObject({
      auditArtifact: expect.objectContaining({
        failure_gate: 'role_validation',
        metadata: expect.objectContaining({gates_evaluated: ['custom:permissive', 'guard_evaluation']}),
      }),
    });
  });

  it('never lets a post_authorization gate replace a role failure: the gate does not even run', async () => {
    const evaluate = vi.fn(() => ({passed: false, failures: [{code: 'custom_block', message: 'post-auth blocked', field: null}]}));
    const failure = await aigcWith([gate('late_block', 'post_authorization', evaluate)])
      .enforce(invocation({role: 'admin'}))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GovernanceViolationError);
    expect(failure).not.toBeInstanceOf(CustomGateViolationError);
    expect(failure).toMatchObject({
      auditArtifact: expect.objectContaining({
        failure_gate: 'role_validation',
        failures: [{code: 'GovernanceViolationError', message: "Unauthorized role 'admin'", field: null}],
      }),
    });
    expect(evaluate).not.toHaveBeenCalled();
  });
});

describe('a custom gate that throws', () => {
  const buggy = (point: InsertionPoint) =>
    gate('buggy', point, () => {
      throw new TypeError("unsupported operand type(s) for +: 'int' and 'str'");
    });
  const raised = "Gate 'buggy' raised TypeError: unsupported operand type(s) for +: 'int' and 'str'";

  it('fails as CUSTOM_GATE_ERROR when the error is a TypeError that is not about mutation', async () => {
    const received: PyDict[] = [];
    const aigc = aigcWith([buggy('pre_authorization')], {sink: new CallbackAuditSink((artifact) => received.push(artifact))});
    const failure = await failureOf(aigc.enforce(invocation()));
    expect(failure.message).toBe(`Custom gate failed at pre_authorization: ${raised}`);
    expect(failure.details.custom_gate_failures).toEqual([{code: 'CUSTOM_GATE_ERROR', message: raised, field: null}]);
    expect(failure.auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'custom_gate_violation'});
    expect(received).toEqual([failure.auditArtifact]);
  });

  it('shows CUSTOM_GATE_ERROR among the artifact’s failures when it runs at an output point', async () => {
    const failure = await failureOf(aigcWith([buggy('pre_output')]).enforce(invocation()));
    expect(failure.auditArtifact).toMatchObject({
      failure_gate: 'custom_gate_violation',
      failures: [{code: 'CUSTOM_GATE_ERROR', message: raised, field: null}],
      failure_reason: `Custom gate failed at pre_output: ${raised}`,
    });
  });

  it('fails as CUSTOM_GATE_ERROR "raised: …" for any other error', async () => {
    const boom = gate('boom', 'post_output', () => {
      throw new Error('unexpected gate failure');
    });
    const failure = await failureOf(aigcWith([boom]).enforce(invocation()));
    expect(failure.auditArtifact).toMatchObject({
      failures: [{code: 'CUSTOM_GATE_ERROR', message: "Gate 'boom' raised: unexpected gate failure", field: null}],
      metadata: expect.objectContaining({gates_evaluated: [...PHASE_A_GATES, ...PHASE_B_GATES, 'custom:boom']}),
    });
  });
});

describe('custom gate failure entries', () => {
  it('turns a string entry into CUSTOM_GATE_MALFORMED_FAILURE with the string as its message', async () => {
    const failure = await failureOf(
      aigcWith([gate('stringly', 'pre_output', () => ({passed: false, failures: ['raw string failure']}))]).enforce(invocation()),
    );
    expect(failure.auditArtifact).toMatchObject({
      failures: [{code: 'CUSTOM_GATE_MALFORMED_FAILURE', message: 'raw string failure', field: null}],
      failure_reason: 'Custom gate failed at pre_output: raw string failure',
    });
  });

  it('keeps the well-formed entries of a mixed list, normalises the rest and redacts every message', async () => {
    const mixed = gate('mixed', 'pre_output', () => ({
      passed: false,
      failures: [
        {code: 'REAL_FAILURE', message: 'valid entry for bob@example.com', field: null},
        42,
        {code: 'ANOTHER_REAL', message: 'also valid', field: 'output.x'},
      ],
    }));
    const failure = await failureOf(aigcWith([mixed]).enforce(invocation()));
    expect(failure.auditArtifact).toMatchObject({
      failures: [
        {code: 'ANOTHER_REAL', message: 'also valid', field: 'output.x'},
        {code: 'CUSTOM_GATE_MALFORMED_FAILURE', message: '42', field: null},
        {code: 'REAL_FAILURE', message: 'valid entry for [REDACTED:email]', field: null},
      ],
      failure_reason: 'Custom gate failed at pre_output: valid entry for [REDACTED:email]',
      metadata: expect.objectContaining({redacted_fields: ['email']}),
    });
  });

  it('redacts a string entry with the instance’s own patterns and records the pattern name', async () => {
    const secretive = gate('secretive', 'pre_output', () => ({passed: false, failures: ['gate failed: TOPSECRET-abc123xyz']}));
    const aigc = aigcWith([secretive], {redactionPatterns: [redactionPattern('test_secret', 'TOPSECRET-\\w+')]});
    const failure = await failureOf(aigc.enforce(invocation()));
    expect(failure.auditArtifact).toMatchObject({
      failures: [{code: 'CUSTOM_GATE_MALFORMED_FAILURE', message: 'gate failed: [REDACTED:test_secret]', field: null}],
      metadata: expect.objectContaining({redacted_fields: ['test_secret']}),
    });
  });

  it('surfaces a string entry from an authorization point in the error message', async () => {
    const failure = await failureOf(
      aigcWith([gate('stringly', 'pre_authorization', () => ({passed: false, failures: ['pre-auth string failure']}))]).enforce(invocation()),
    );
    expect(failure.message).toBe('Custom gate failed at pre_authorization: pre-auth string failure');
    expect(failure.auditArtifact).toMatchObject({
      failures: [{code: 'CustomGateViolationError', message: 'Custom gate failed at pre_authorization: pre-auth string failure', field: null}],
    });
  });
});

describe('custom gate metadata', () => {
  it('leaves custom_gate_metadata out of the artifact when no gate reports any', async () => {
    const artifact = await aigcWith([metadataGate('silent', 'pre_authorization'), metadataGate('empty', 'post_output', {})]).enforce(invocation());
    expect(artifact.enforcement_result).toBe('PASS');
    expect(artifact.metadata).not.toHaveProperty('custom_gate_metadata');
  });

  it('adds custom_gate_metadata as soon as one gate reports some', async () => {
    const artifact = await aigcWith([metadataGate('silent', 'pre_authorization'), metadataGate('finder', 'post_output', {found: true})]).enforce(
      invocation(),
    );
    expect((artifact.metadata as PyDict).custom_gate_metadata).toEqual({found: true});
  });

  it('merges the metadata of gates at the same point, the later gate winning a shared key, keys sorted', async () => {
    const artifact = await aigcWith([
      metadataGate('tracker_a', 'post_authorization', {x: 10, shared: 'a'}),
      metadataGate('tracker_b', 'post_authorization', {y: 20, shared: 'b'}),
    ]).enforce(invocation());
    const merged = (artifact.metadata as PyDict).custom_gate_metadata as PyDict;
    expect(merged).toEqual({shared: 'b', x: 10, y: 20});
    expect(Object.keys(merged)).toEqual(['shared', 'x', 'y']);
  });
});

describe('custom gate registration', () => {
  const misplaced = metadataGate('misplaced', 'not_valid' as InsertionPoint);
  const message = `Gate 'misplaced' has invalid insertion_point 'not_valid'; must be one of ${VALID_POINTS}`;

  it('rejects a gate with an unknown insertion point', () => {
    expect(() => validateGate(misplaced)).toThrow(message);
  });

  it('rejects it when the Aigc instance is constructed, before any enforcement', () => {
    expect(() => aigcWith([metadataGate('fine', 'pre_output'), misplaced])).toThrow(message);
  });

  it('runs the gates of one insertion point in the order they were given, sharing one context', async () => {
    const order: string[] = [];
    const recording = (name: string) =>
      gate(name, 'pre_output', (_invocation, _policy, context) => {
        order.push(name);
        const seen = [...((context.seen as string[] | undefined) ?? []), name];
        context.seen = seen;
        return {passed: true, metadata: {seen}};
      });
    const artifact = await aigcWith([recording('g2'), recording('g1'), recording('g3')]).enforce(invocation());
    expect(order).toEqual(['g2', 'g1', 'g3']);
    expect(artifact.metadata).toMatchObject({
      gates_evaluated: [...PHASE_A_GATES, 'custom:g2', 'custom:g1', 'custom:g3', ...PHASE_B_GATES],
      custom_gate_metadata: {seen: ['g2', 'g1', 'g3']},
    });
  });
});

describe('custom gates and read-only data', () => {
  /** A loader handing out one policy object, so the test can check it afterwards. */
  function sharedPolicy(): {policy: PyDict; loader: PolicyLoader} {
    const policy: PyDict = {policy_version: '1.0', roles: ['planner'], pre_conditions: {required: {role_declared: {type: 'boolean'}}}};
    return {policy, loader: {load: () => policy}};
  }

  it.each<[string, InsertionPoint, EnforcementGate['evaluate'], string]>([
    [
      'a nested invocation value',
      'post_authorization',
      (request) => {
        (request.context as PyDict).role_declared = false;
        return {};
      },
      'mutation of policy/invocation is not permitted',
    ],
    [
      'a nested policy entry (deletion)',
      'post_authorization',
      (_request, policy) => {
        delete (policy.pre_conditions as PyDict).required;
        return {};
      },
      'deletion from policy/invocation is not permitted',
    ],
    [
      'a value deep inside a list',
      'pre_output',
      (request) => {
        (((request.context as PyDict).history as PyDict[])[1] as PyDict).step = 'forged';
        return {};
      },
      'mutation of policy/invocation is not permitted',
    ],
  ])('blocks a gate changing %s, leaving the caller’s invocation and policy as they were', async (_, point, evaluate, what) => {
    const {policy, loader} = sharedPolicy();
    const request = invocation({policy_file: 'shared', context: {role_declared: true, history: [{step: 'a'}, {step: 'b'}]}});
    const policyBefore = structuredClone(policy);
    const requestBefore = structuredClone(request);
    const failure = await failureOf(aigcWith([gate('meddler', point, evaluate)], {policyLoader: loader}).enforce(request));
    const mutation = `Gate 'meddler' attempted to mutate read-only data: Custom gates receive read-only views; ${what}`;
    expect(failure.details.custom_gate_failures).toEqual([{code: 'CUSTOM_GATE_MUTATION', message: mutation, field: null}]);
    expect(failure.auditArtifact?.failure_gate).toBe('custom_gate_violation');
    expect(policy).toEqual(policyBefore);
    expect(request).toEqual(requestBefore);
  });

  it('blocks a gate growing a list of the policy', async () => {
    const {policy, loader} = sharedPolicy();
    const grow = gate('grower', 'post_authorization', (_request, view) => {
      (view.roles as string[]).push('admin');
      return {};
    });
    const failure = await failureOf(aigcWith([grow], {policyLoader: loader}).enforce(invocation({policy_file: 'shared'})));
    expect(failure.auditArtifact?.failure_gate).toBe('custom_gate_violation');
    expect(policy.roles).toEqual(['planner']);
  });
});

describe('a custom gate that does not return a GateResult', () => {
  // A deliberate difference: the reference crashes without an artifact here; aigc fails closed.
  it.each<[string, () => unknown, string]>([
    ['nothing', () => undefined, 'returned nothing instead of a GateResult'],
    ['null', () => null, 'returned null instead of a GateResult'],
    ['a number', () => 42, 'returned a number instead of a GateResult'],
    ['a Promise (an async evaluate)', async () => ({passed: true}), 'returned a Promise; evaluate() must return its GateResult synchronously'],
    [
      'a Promise that later rejects',
      async () => {
        throw new Error('too late');
      },
      'returned a Promise; evaluate() must return its GateResult synchronously',
    ],
  ])('fails with CUSTOM_GATE_ERROR when it returns %s', async (_, evaluate, what) => {
    const odd = gate('odd', 'pre_output', evaluate as unknown as EnforcementGate['evaluate']);
    const failure = await failureOf(aigcWith([odd]).enforce(invocation()));
    expect(failure.auditArtifact).toMatchObject({
      enforcement_result: 'FAIL',
      failure_gate: 'custom_gate_violation',
      failures: [{code: 'CUSTOM_GATE_ERROR', message: `Gate 'odd' ${what}`, field: null}],
    });
  });

  it('fails an authorization point the same way', async () => {
    const silent = gate('silent', 'post_authorization', (() => undefined) as unknown as () => GateResult);
    const failure = await failureOf(aigcWith([silent]).enforce(invocation()));
    expect(failure.details.custom_gate_failures).toEqual([
      {code: 'CUSTOM_GATE_ERROR', message: "Gate 'silent' returned nothing instead of a GateResult", field: null},
    ]);
  });
});
