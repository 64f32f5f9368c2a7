import {describe, expect, it, vi} from 'vitest';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {GovernanceViolationError, PreconditionError, RetryExhaustedError, SchemaValidationError} from '../../src/errors.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {governed} from '../../src/sdk/governed.js';
import {withRetry} from '../../src/sdk/retry.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const RETRY_POLICY = `${PLANNER_POLICY}retry_policy:\n  max_retries: 2\n  backoff_ms: 100\n`;
const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY, 'retry.yaml': RETRY_POLICY});
const clock = () => 1700000000;

describe('withRetry', () => {
  it('makes one attempt when the policy has no retry_policy', async () => {
    const attempt = vi.fn(() => {
      throw new SchemaValidationError('bad output', {path: '$', validator: 'required'});
    });
    await expect(withRetry(invocation(), {cwd: dir, enforcementFn: attempt})).rejects.toBeInstanceOf(SchemaValidationError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('retries output-schema failures with linear backoff, then gives up', async () => {
    const sleeps: number[] = [];
    const attempt = vi.fn(() => {
      throw new SchemaValidationError('bad output', {path: '$', validator: 'required'});
    });
    const failure = await withRetry(invocation({policy_file: 'retry.yaml'}), {
      cwd: dir,
      enforcementFn: attempt,
      sleep: async (ms) => void sleeps.push(ms),
    }).catch((error) => error);
    expect(failure).toBeInstanceOf(RetryExhaustedError);
    expect(failure.message).toBe('Retry exhausted after 3 attempts');
    expect(failure.details).toEqual({attempts: 3, last_error: 'bad output', last_error_type: 'SchemaValidationError'});
    expect(sleeps).toEqual([100, 200]);
  });

  it('returns the first successful attempt', async () => {
    let calls = 0;
    const artifact = await withRetry(invocation({policy_file: 'retry.yaml'}), {
      cwd: dir,
      sleep: async () => undefined,
      enforcementFn: (value) => {
        calls++;
        if (calls === 1) throw new SchemaValidationError('bad output', {path: '$', validator: 'required'});
        return {enforcement_result: 'PASS', attempt: calls, policy: value.policy_file};
      },
    });
    expect(artifact).toEqual({enforcement_result: 'PASS', attempt: 2, policy: 'retry.yaml'});
  });

  it('does not retry other governance failures', async () => {
    const attempt = vi.fn(() => {
      throw new PreconditionError('Missing required precondition: x', {precondition: 'x'});
    });
    await expect(withRetry(invocation({policy_file: 'retry.yaml'}), {cwd: dir, enforcementFn: attempt})).rejects.toBeInstanceOf(
      PreconditionError,
    );
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('governed()', () => {
  const options = (sink?: CallbackAuditSink) => ({
    policyFile: 'policy.yaml',
    role: 'planner',
    modelProvider: 'openai',
    modelIdentifier: 'gpt-4o',
    aigc: new Aigc({cwd: dir, clock, sink}),
  });

  it('calls the model between Phase A and Phase B and returns its output', async () => {
    const call = governed(async (input: PyDict) => ({result: `done: ${input.task}`, confidence: 0.9}), options());
    expect(await call({task: 'plan'}, {role_declared: true})).toEqual({result: 'done: plan', confidence: 0.9});
  });

  it('never calls the model when Phase A fails', async () => {
    const model = vi.fn(async () => ({result: 'x', confidence: 1}));
    const call = governed(model, options());
    await expect(call({task: 'plan'}, {})).rejects.toThrow('Missing required precondition: role_declared');
    expect(model).not.toHaveBeenCalled();
  });

  it('rejects an output that fails the output gates', async () => {
    const call = governed(async () => ({result: 'no confidence'}), options());
    await expect(call({}, {role_declared: true})).rejects.toBeInstanceOf(SchemaValidationError);
  });

  it('records a wrapped_function_error artifact when the model call throws, then rethrows', async () => {
    const received: PyDict[] = [];
    const call = governed(async () => {
      throw new TypeError('upstream timeout for bob@example.com');
    }, options(new CallbackAuditSink((artifact) => received.push(artifact))));
    await expect(call({}, {role_declared: true})).rejects.toThrow('upstream timeout');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      enforcement_result: 'FAIL',
      failure_gate: 'wrapped_function_error',
      failure_reason: 'TypeError: upstream timeout for [REDACTED:email]',
      failures: [{code: 'TypeError', message: 'TypeError: upstream timeout for [REDACTED:email]', field: null}],
      metadata: {enforcement_mode: 'split', pre_call_gates_evaluated: ['guard_evaluation', 'role_validation', 'precondition_validation', 'tool_constraint_validation']},
    });
  });

  it('enforces after the call in unified mode when pre-call enforcement is off', async () => {
    const model = vi.fn(async () => ({result: 'ok', confidence: 1}));
    const call = governed(model, {...options(), role: 'intruder', preCallEnforcement: false});
    await expect(call({}, {role_declared: true})).rejects.toBeInstanceOf(GovernanceViolationError);
    expect(model).toHaveBeenCalledOnce();
  });
});
