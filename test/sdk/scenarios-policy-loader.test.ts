import {describe, expect, it} from 'vitest';
import {GovernanceViolationError, PolicyLoadError, PolicyValidationError} from '../../src/errors.js';
import {FilePolicyLoader, type PolicyLoader} from '../../src/policy/loader.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, policyFolder} from '../pipeline/helpers.js';

const clock = () => 1700000000;

const PLANNER_POLICY: PyDict = {
  policy_version: '1.0',
  roles: ['planner'],
  pre_conditions: {required: {prompt: {type: 'string'}}},
};

/** Policies from a map in memory; remembers every reference it was asked for. */
class InMemoryLoader implements PolicyLoader {
  readonly requests: string[] = [];
  constructor(readonly policies: Map<string, PyDict>) {}

  load(policyRef: string): PyDict {
    this.requests.push(policyRef);
    const policy = this.policies.get(policyRef);
    if (!policy) throw new PolicyLoadError(`Not found: ${policyRef}`, {ref: policyRef});
    return policy;
  }
}

class UnreachableDatabaseLoader implements PolicyLoader {
  load(): PyDict {
    throw new Error('Database connection failed');
  }
}

class ListLoader implements PolicyLoader {
  load(): PyDict {
    return ['not', 'a', 'mapping'] as unknown as PyDict;
  }
}

const plannerLoader = () => new InMemoryLoader(new Map([['planner-v1', PLANNER_POLICY]]));

/** An invocation of the in-memory policy `planner-v1` (no file by that name exists). */
const request = (overrides: PyDict = {}) =>
  invocation({policy_file: 'planner-v1', input: {prompt: 'test'}, context: {prompt: 'test'}, output: {result: 'ok'}, ...overrides});

describe('a custom policy loader', () => {
  it('is asked once per policy reference for the life of an Aigc instance', async () => {
    const loader = plannerLoader();
    const aigc = new Aigc({policyLoader: loader, clock});
    await aigc.enforce(request());
    await aigc.enforce(request());
    expect(loader.requests).toEqual(['planner-v1']);
    expect(aigc.policyCache.size).toBe(1);
  });

  it('is asked again by another Aigc instance, each keeping its own cache', async () => {
    const loader = plannerLoader();
    await new Aigc({policyLoader: loader, clock}).enforce(request());
    await new Aigc({policyLoader: loader, clock}).enforce(request());
    expect(loader.requests).toEqual(['planner-v1', 'planner-v1']);
  });

  it('is asked again after a failed load: failures are not cached', async () => {
    const loader = plannerLoader();
    const aigc = new Aigc({policyLoader: loader, clock});
    await expect(aigc.enforce(request({policy_file: 'late'}))).rejects.toThrow('Not found: late');
    await expect(aigc.enforce(request({policy_file: 'late'}))).rejects.toThrow('Not found: late');
    loader.policies.set('late', PLANNER_POLICY);
    expect((await aigc.enforce(request({policy_file: 'late'}))).enforcement_result).toBe('PASS');
    expect(loader.requests).toEqual(['late', 'late', 'late']);
  });

  it('enforces the roles of the policy it returns: an unlisted role fails at role_validation', async () => {
    const failure = await new Aigc({policyLoader: plannerLoader(), clock}).enforce(request({role: 'executor'})).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GovernanceViolationError);
    expect(failure).toMatchObject({
      message: "Unauthorized role 'executor'",
      auditArtifact: expect.objectContaining({
        enforcement_result: 'FAIL',
        failure_gate: 'role_validation',
        failures: [{code: 'GovernanceViolationError', message: "Unauthorized role 'executor'", field: null}],
        policy_file: 'planner-v1',
        policy_version: '1.0',
      }),
    });
  });

  it('leaves a pre-pipeline FAIL artifact when it does not find the policy', async () => {
    const failure = await new Aigc({policyLoader: plannerLoader(), clock}).enforce(request({policy_file: 'missing'})).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PolicyLoadError);
    expect(failure).toMatchObject({
      message: 'Not found: missing',
      details: {ref: 'missing'},
      auditArtifact: expect.objectContaining({
        enforcement_result: 'FAIL',
        failure_gate: 'invocation_validation',
        failures: [{code: 'PolicyLoadError', message: 'Not found: missing', field: null}],
        policy_file: 'missing',
        policy_version: 'unknown',
        metadata: {gates_evaluated: [], redacted_fields: [], pre_pipeline_failure: true, enforcement_mode: 'unified'},
      }),
    });
  });

  it('gives the checksums file loading gives, run after run', async () => {
    const {dir} = policyFolder({'planner.yaml': 'policy_version: "1.0"\nroles: [planner]\npre_conditions:\n  required:\n    prompt: {type: string}\n'});
    const viaLoader = new Aigc({policyLoader: plannerLoader(), clock});
    const first = await viaLoader.enforce(request());
    const second = await viaLoader.enforce(request());
    const fromFile = await new Aigc({cwd: dir, clock}).enforce(request({policy_file: 'planner.yaml'}));
    for (const artifact of [second, fromFile]) {
      expect(artifact.input_checksum).toBe(first.input_checksum);
      expect(artifact.output_checksum).toBe(first.output_checksum);
    }
  });

  it('reports a plain Error it throws as "Custom policy loader failed: …"', async () => {
    const failure = await new Aigc({policyLoader: new UnreachableDatabaseLoader(), clock}).enforce(request()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PolicyLoadError);
    expect(failure).toMatchObject({
      message: 'Custom policy loader failed: Database connection failed',
      details: {policy_file: 'planner-v1', loader: 'UnreachableDatabaseLoader'},
      auditArtifact: expect.objectContaining({
        failure_gate: 'invocation_validation',
        failures: [{code: 'PolicyLoadError', message: 'Custom policy loader failed: Database connection failed', field: null}],
      }),
    });
  });

  it('refuses an answer that is not a mapping', async () => {
    await expect(new Aigc({policyLoader: new ListLoader(), clock}).enforce(request())).rejects.toMatchObject({
      message: 'Policy root must be a mapping object',
      details: {policy_file: 'planner-v1'},
      auditArtifact: expect.objectContaining({failure_gate: 'invocation_validation'}),
    });
  });

  it('has what it returns checked against the policy schema', async () => {
    const loader = new InMemoryLoader(new Map([['bad', {no_policy_version: true}]]));
    const failure = await new Aigc({policyLoader: loader, clock}).enforce(request({policy_file: 'bad'})).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PolicyValidationError);
    expect((failure as PolicyValidationError).message).toBe(
      "Policy schema validation failed at $: Additional properties are not allowed ('no_policy_version' was unexpected)",
    );
  });
});

describe('FilePolicyLoader', () => {
  const {dir} = policyFolder({
    'base.yaml': 'policy_version: "1.0"\nroles: [planner, verifier]\npre_conditions:\n  required:\n    role_declared: {type: boolean}\n',
    'child.yaml': 'extends: base.yaml\nroles: [planner]\n',
  });
  const childInvocation = (overrides: PyDict = {}) =>
    invocation({policy_file: 'child.yaml', context: {role_declared: true}, output: {result: 'ok'}, ...overrides});

  it('returns the raw mapping of a policy file, before extends is applied', () => {
    expect(new FilePolicyLoader({cwd: dir}).load('child.yaml')).toEqual({extends: 'base.yaml', roles: ['planner']});
  });

  it('given as policyLoader, enforces exactly as file loading does (extends composed)', async () => {
    const viaLoader = await new Aigc({cwd: dir, clock, policyLoader: new FilePolicyLoader()}).enforce(childInvocation());
    const fromFile = await new Aigc({cwd: dir, clock}).enforce(childInvocation());
    expect(viaLoader).toEqual(fromFile);
    expect(viaLoader.enforcement_result).toBe('PASS');
    expect((viaLoader.metadata as PyDict).preconditions_satisfied).toEqual(['role_declared']);
  });

  it('given as policyLoader, resolves paths against its own folder when it has one', async () => {
    const artifact = await new Aigc({clock, policyLoader: new FilePolicyLoader({cwd: dir})}).enforce(childInvocation());
    expect(artifact.enforcement_result).toBe('PASS');
  });

  it('given as policyLoader in a subclass with a load of its own, is asked like any loader', async () => {
    class Overriding extends FilePolicyLoader {
      override load(): PyDict {
        return {policy_version: '9', roles: ['planner']};
      }
    }
    const artifact = await new Aigc({cwd: dir, clock, policyLoader: new Overriding()}).enforce(childInvocation());
    expect(artifact.policy_version).toBe('9');
  });

  it('given as policyLoader, reports a missing file as file loading does', async () => {
    await expect(
      new Aigc({cwd: dir, clock, policyLoader: new FilePolicyLoader()}).enforce(childInvocation({policy_file: 'nope.yaml'})),
    ).rejects.toMatchObject({message: 'Policy file does not exist', details: {policy_file: 'nope.yaml'}});
  });
});
