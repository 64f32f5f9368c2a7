import {describe, expect, it} from 'vitest';
import {HmacSigner, verifyArtifact} from '../../src/audit/signing.js';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {PolicyLoadError} from '../../src/errors.js';
import type {EnforcementGate} from '../../src/gates/custom.js';
import {type LogRecord, setLogHandler} from '../../src/logging.js';
import type {PolicyLoader} from '../../src/policy/loader.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({
  'policy.yaml': PLANNER_POLICY,
  'legacy.yaml': 'policy_version: "1"\nroles: [planner]\npre_conditions:\n  required: [role_declared]\n',
});
const clock = () => 1700000000;

describe('Aigc instances', () => {
  it('enforces with their own options, frozen at construction', async () => {
    const aigc = new Aigc({cwd: dir, clock});
    expect(Object.isFrozen(aigc.options)).toBe(true);
    expect((await aigc.enforce(invocation())).enforcement_result).toBe('PASS');
  });

  it('rejects with the governance error carrying its artifact', async () => {
    const aigc = new Aigc({cwd: dir, clock});
    await expect(aigc.enforce(invocation({role: 'x'}))).rejects.toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      auditArtifact: expect.objectContaining({failure_gate: 'role_validation'}),
    });
  });

  it('keeps its own copy of the risk override: changing the caller’s object later changes nothing', async () => {
    const riskConfig: PyDict = {mode: 'strict', threshold: 0.5, factors: [{name: 'external', weight: 0.6, condition: 'external_model'}]};
    const aigc = new Aigc({cwd: dir, clock, riskConfig});
    riskConfig.threshold = 0.9;
    await expect(aigc.enforce(invocation())).rejects.toMatchObject({auditArtifact: {failure_gate: 'risk_scoring'}});
  });

  it('refuses an unknown sink failure mode', () => {
    expect(() => new Aigc({onSinkFailure: 'queue' as 'log'})).toThrow("on_sink_failure must be 'raise' or 'log', got 'queue'");
  });

  it('keeps a policy cache per instance', async () => {
    const first = new Aigc({cwd: dir, clock});
    const second = new Aigc({cwd: dir, clock});
    await first.enforce(invocation());
    expect(first.policyCache.size).toBe(1);
    expect(second.policyCache.size).toBe(0);
  });

  it('signs with its signer and sends every artifact to its sink', async () => {
    const signer = new HmacSigner('k');
    const received: PyDict[] = [];
    const aigc = new Aigc({cwd: dir, clock, signer, sink: new CallbackAuditSink((artifact) => received.push(artifact))});
    const artifact = await aigc.enforce(invocation());
    expect(verifyArtifact(artifact, signer)).toBe(true);
    await aigc.enforce(invocation({role: 'x'})).catch(() => undefined);
    expect(received.map((a) => a.enforcement_result)).toEqual(['PASS', 'FAIL']);
  });

  it('refuses bare-string preconditions in strict mode, and logs them as warnings otherwise', async () => {
    await expect(new Aigc({cwd: dir, clock, strictMode: true}).enforce(invocation({policy_file: 'legacy.yaml'}))).rejects.toThrow(
      'Strict mode policy validation failed',
    );
    const records: LogRecord[] = [];
    setLogHandler((record) => records.push(record));
    try {
      await new Aigc({cwd: dir, clock}).enforce(invocation({policy_file: 'legacy.yaml'}));
    } finally {
      setLogHandler(null);
    }
    expect(records).toContainEqual(
      expect.objectContaining({level: 'warn', logger: 'aigc.enforcement', message: expect.stringContaining('bare-string')}),
    );
  });

  it('loads policies through a custom loader (an in-memory map here)', async () => {
    const policies = new Map<string, PyDict>([['planner-v1', {policy_version: '7', roles: ['planner']}]]);
    const loader: PolicyLoader = {
      load(ref) {
        const policy = policies.get(ref);
        if (!policy) throw new PolicyLoadError(`no policy '${ref}'`, {policy_file: ref});
        return policy;
      },
    };
    const aigc = new Aigc({policyLoader: loader, clock});
    expect((await aigc.enforce(invocation({policy_file: 'planner-v1'}))).policy_version).toBe('7');
    await expect(aigc.enforce(invocation({policy_file: 'missing'}))).rejects.toThrow("no policy 'missing'");
  });

  it('runs split enforcement with the instance gates captured in the token', async () => {
    const seen: string[] = [];
    const gate: EnforcementGate = {
      name: 'g',
      insertionPoint: 'post_output',
      evaluate: () => {
        seen.push('ran');
        return {};
      },
    };
    const aigc = new Aigc({cwd: dir, clock, customGates: [gate]});
    const {output: _output, ...preCall} = invocation();
    const token = await aigc.enforcePreCall(preCall);
    const artifact = await aigc.enforcePostCall(token, {result: 'ok', confidence: 0.5});
    expect(seen).toEqual(['ran']);
    expect((artifact.metadata as PyDict).enforcement_mode).toBe('split');
  });
});

describe('strict mode in split enforcement', () => {
  it('refuses bare-string preconditions at pre-call too', async () => {
    const {output: _output, ...preCall} = invocation({policy_file: 'legacy.yaml', context: {role_declared: true}});
    await expect(new Aigc({cwd: dir, clock, strictMode: true}).enforcePreCall(preCall)).rejects.toMatchObject({
      message: 'Strict mode policy validation failed',
      auditArtifact: expect.objectContaining({metadata: expect.objectContaining({enforcement_mode: 'split_pre_call_only'})}),
    });
  });
});
