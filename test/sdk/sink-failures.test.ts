// Sinks when things go wrong (the reference's sink tests, in TypeScript terms):
// a failing sink in 'log' and 'raise' mode on PASS and FAIL paths, sinks that
// mutate what they receive, async sinks, instance isolation, and the
// artifacts of invocations refused before the pipeline.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {verifyChain} from '../../src/audit/chain.js';
import {type AuditSink, CallbackAuditSink, JsonFileAuditSink} from '../../src/audit/sinks.js';
import {parseJson} from '../../src/canonical/json.js';
import {AigcError, AuditSinkError, GovernanceViolationError, PolicyLoadError, PolicyValidationError} from '../../src/errors.js';
import {type LogRecord, setLogHandler} from '../../src/logging.js';
import {decide} from '../../src/pipeline/enforce.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir, options} = policyFolder({
  'policy.yaml': PLANNER_POLICY,
  'legacy.yaml': 'policy_version: "1"\nroles: [planner]\npre_conditions:\n  required: [role_declared]\n',
});
const clock = () => 1700000000;
const broken: AuditSink = {
  emit() {
    throw new Error('sink exploded');
  },
};

const records: LogRecord[] = [];
setLogHandler((record) => records.push(record));
afterEach(() => {
  records.length = 0;
});

async function failureOf(promise: Promise<unknown>): Promise<AigcError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AigcError)) throw new Error(`expected an AigcError, got ${String(outcome)}`);
  return outcome;
}

describe('a failing sink in log mode (the default)', () => {
  it('leaves a PASS a PASS and logs the failure', async () => {
    const artifact = await new Aigc({cwd: dir, clock, sink: broken}).enforce(invocation());
    expect(artifact.enforcement_result).toBe('PASS');
    expect(records).toContainEqual(expect.objectContaining({level: 'warn', logger: 'aigc.sinks', message: 'Audit sink emit failed: sink exploded'}));
  });

  it('does not mask the governance error of a FAIL', async () => {
    const error = await failureOf(new Aigc({cwd: dir, clock, sink: broken}).enforce(invocation({role: 'attacker'})));
    expect(error).toBeInstanceOf(GovernanceViolationError);
    expect(error.auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'role_validation'});
  });
});

describe('a failing sink in raise mode', () => {
  it('turns a PASS into a sink_emission FAIL with AuditSinkError', async () => {
    const error = await failureOf(new Aigc({cwd: dir, clock, sink: broken, onSinkFailure: 'raise'}).enforce(invocation()));
    expect(error).toBeInstanceOf(AuditSinkError);
    expect(error.code).toBe('AUDIT_SINK_ERROR');
    expect(error.message).toContain('sink exploded');
    expect(error.auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'sink_emission', failures: [{code: 'AuditSinkError'}]});
  });

  it('keeps the governance error and its FAIL artifact on a FAIL, and logs the lost emission as an error', async () => {
    const error = await failureOf(new Aigc({cwd: dir, clock, sink: broken, onSinkFailure: 'raise'}).enforce(invocation({role: 'attacker'})));
    expect(error).toBeInstanceOf(GovernanceViolationError);
    expect(error.auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'role_validation'});
    expect(records).toContainEqual(
      expect.objectContaining({level: 'error', message: 'Sink emission failed on FAIL path (artifact preserved): Audit sink emit failed: sink exploded'}),
    );
  });

  it('does the same through module-level enforcement', () => {
    const decision = decide(invocation({role: 'attacker'}), {...options, sink: broken, onSinkFailure: 'raise'});
    expect(decision.error).toBeInstanceOf(GovernanceViolationError);
    expect(decision.artifact.failure_gate).toBe('role_validation');
  });
});

describe('what a sink receives', () => {
  it('is a copy: a sink that mutates it changes neither the returned artifact nor the error’s', async () => {
    const vandal = new CallbackAuditSink((artifact) => {
      artifact.enforcement_result = 'TAMPERED';
      (artifact.metadata as PyDict).gates_evaluated = [];
    });
    const aigc = new Aigc({cwd: dir, clock, sink: vandal});
    const pass = await aigc.enforce(invocation());
    expect(pass.enforcement_result).toBe('PASS');
    expect((pass.metadata as PyDict).gates_evaluated).not.toEqual([]);
    const error = await failureOf(aigc.enforce(invocation({role: 'attacker'})));
    expect(error.auditArtifact?.enforcement_result).toBe('FAIL');
  });

  it('is the complete artifact, PASS and FAIL alike', async () => {
    const received: PyDict[] = [];
    const aigc = new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => received.push(artifact))});
    const pass = await aigc.enforce(invocation());
    const fail = await failureOf(aigc.enforce(invocation({role: 'attacker'})));
    expect(received).toEqual([pass, fail.auditArtifact]);
  });

  it('goes to the instance’s own sink only', async () => {
    const first: PyDict[] = [];
    const second: PyDict[] = [];
    await new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((a) => first.push(a))}).enforce(invocation());
    await new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((a) => second.push(a))}).enforce(invocation({role: 'verifier'}));
    await new Aigc({cwd: dir, clock, sink: null}).enforce(invocation());
    expect(first.map((a) => a.role)).toEqual(['planner']);
    expect(second.map((a) => a.role)).toEqual(['verifier']);
  });
});

describe('invocations refused before the pipeline still reach the sink', () => {
  const received: PyDict[] = [];
  const aigc = new Aigc({cwd: dir, clock, strictMode: true, sink: new CallbackAuditSink((a) => received.push(a))});

  it.each([
    ['a missing field', (() => {
      const {role: _role, ...rest} = invocation();
      return rest;
    })(), GovernanceViolationError],
    ['a policy that does not exist', invocation({policy_file: 'nonexistent_policy.yaml'}), PolicyLoadError],
    ['a policy strict mode refuses', invocation({policy_file: 'legacy.yaml'}), PolicyValidationError],
  ] as const)('for %s', async (_what, refused, errorClass) => {
    received.length = 0;
    const error = await failureOf(aigc.enforce(refused));
    expect(error).toBeInstanceOf(errorClass);
    expect(error.auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'invocation_validation'});
    expect(received).toEqual([error.auditArtifact]);
  });
});

describe('async sinks', () => {
  it('log a rejection as an error without crashing the process or changing the decision', async () => {
    const sink = new CallbackAuditSink(async () => {
      throw new Error('queue unavailable');
    });
    const artifact = await new Aigc({cwd: dir, clock, sink, onSinkFailure: 'raise'}).enforce(invocation());
    expect(artifact.enforcement_result).toBe('PASS');
    await new Promise((resolve) => setImmediate(resolve));
    expect(records).toContainEqual(
      expect.objectContaining({level: 'error', logger: 'aigc.sinks', message: 'Audit sink emit failed asynchronously (the decision stands): queue unavailable'}),
    );
  });
});

describe('chained file sinks sharing a file in one process', () => {
  it('keep one chain', async () => {
    const path = join(policyFolder({}).dir, 'trail.jsonl');
    const first = new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: {chainId: 'shared'}})});
    const second = new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: {chainId: 'shared'}})});
    for (let n = 0; n < 3; n++) {
      await first.enforce(invocation({input: {n}}));
      await second.enforce(invocation({input: {n}, role: 'attacker'})).catch(() => undefined);
    }
    const trail = readFileSync(path, 'utf8').trim().split('\n').map((line) => parseJson(line) as PyDict);
    expect(trail.map((artifact) => artifact.chain_index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verifyChain(trail)).toEqual({valid: true, errors: []});
  });
});
