import {afterEach, describe, expect, it, vi} from 'vitest';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {GovernanceViolationError, RetryExhaustedError} from '../../src/errors.js';
import {enforceInvocation} from '../../src/pipeline/enforce.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {withRetry} from '../../src/sdk/retry.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'retry.yaml': `${PLANNER_POLICY}retry_policy:\n  max_retries: 2\n  backoff_ms: 100\n`});
const clock = () => 1700000000;
const noWait = async () => undefined;

const VALID_OUTPUT = {result: 'ok', confidence: 0.9};
const OUTPUT_WITHOUT_CONFIDENCE = {result: 'ok'};

afterEach(() => {
  vi.useRealTimers();
});

describe('withRetry', () => {
  it('does not retry a governance violation', async () => {
    const attempt = vi.fn(() => {
      throw new GovernanceViolationError("Unauthorized role 'intruder'", {role: 'intruder'});
    });
    await expect(
      withRetry(invocation({policy_file: 'retry.yaml'}), {cwd: dir, enforcementFn: attempt, sleep: noWait}),
    ).rejects.toBeInstanceOf(GovernanceViolationError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('with its default enforcement, returns the artifact unified enforcement gives a passing invocation', async () => {
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(new Date('2026-01-05T10:00:00Z'));
    const request = invocation({policy_file: 'retry.yaml'});
    const artifact = await withRetry(request, {cwd: dir});
    expect(artifact).toEqual(enforceInvocation(request, {cwd: dir}));
    expect(artifact).toMatchObject({enforcement_result: 'PASS', metadata: expect.objectContaining({enforcement_mode: 'unified'})});
  });

  it('leaves an audit artifact for every attempt, failed or passed', async () => {
    const received: PyDict[] = [];
    const aigc = new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => received.push(artifact))});
    const outputs = [OUTPUT_WITHOUT_CONFIDENCE, OUTPUT_WITHOUT_CONFIDENCE, VALID_OUTPUT];
    const artifact = await withRetry(invocation({policy_file: 'retry.yaml'}), {
      cwd: dir,
      sleep: noWait,
      enforcementFn: (request) => aigc.enforce({...request, output: outputs.shift() ?? {}}),
    });
    expect(received.map((each) => [each.enforcement_result, each.failure_gate])).toEqual([
      ['FAIL', 'schema_validation'],
      ['FAIL', 'schema_validation'],
      ['PASS', null],
    ]);
    expect(received[2]).toEqual(artifact);
  });

  it('leaves an audit artifact for each of the attempts it gave up after', async () => {
    const received: PyDict[] = [];
    const aigc = new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => received.push(artifact))});
    const failure = await withRetry(invocation({policy_file: 'retry.yaml', output: OUTPUT_WITHOUT_CONFIDENCE}), {
      cwd: dir,
      sleep: noWait,
      enforcementFn: (request) => aigc.enforce(request),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RetryExhaustedError);
    expect(received.map((each) => each.failure_gate)).toEqual(['schema_validation', 'schema_validation', 'schema_validation']);
  });
});
