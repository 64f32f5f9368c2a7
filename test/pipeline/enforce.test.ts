import {describe, expect, it} from 'vitest';
import {HmacSigner, verifyArtifact} from '../../src/audit/signing.js';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {AuditSinkError, PolicyValidationError} from '../../src/errors.js';
import type {EnforcementGate} from '../../src/gates/custom.js';
import {decide, enforceInvocation} from '../../src/pipeline/enforce.js';
import type {PyDict} from '../../src/python/values.js';
import {invocation, PLANNER_POLICY, policyFolder} from './helpers.js';

const {options} = policyFolder({
  'policy.yaml': PLANNER_POLICY,
  'tools.yaml': 'policy_version: "1"\nroles: [planner]\ntools:\n  allowed_tools:\n    - {name: search, max_calls: 2}\n',
  'post.yaml': 'policy_version: "1"\nroles: [planner]\npost_conditions:\n  required: [role_check]\n',
  'bad-schema.yaml': 'policy_version: "1"\nroles: [planner]\noutput_schema:\n  type: obj\n',
  'legacy.yaml': 'policy_version: "1"\nroles: [planner]\npre_conditions:\n  required: [role_declared]\n',
});
const metadataOf = (artifact: PyDict) => artifact.metadata as PyDict;

describe('unified enforcement', () => {
  it('passes with the reference metadata keys in order', () => {
    const artifact = enforceInvocation(invocation(), options);
    expect(Object.keys(metadataOf(artifact))).toEqual([
      'preconditions_satisfied',
      'postconditions_satisfied',
      'schema_validation',
      'guards_evaluated',
      'conditions_resolved',
      'tool_constraints',
      'gates_evaluated',
      'enforcement_mode',
    ]);
    expect(Object.keys(artifact).slice(0, 3)).toEqual(['audit_schema_version', 'policy_file', 'policy_schema_version']);
  });

  it('throws the governance error with its FAIL artifact attached', () => {
    try {
      enforceInvocation(invocation({role: 'intruder'}), options);
      expect.unreachable();
    } catch (error) {
      expect((error as {className: string}).className).toBe('GovernanceViolationError');
      expect((error as {auditArtifact: PyDict}).auditArtifact.failure_gate).toBe('role_validation');
    }
  });

  it('writes a pre-pipeline FAIL with placeholders for a non-object invocation', () => {
    const {artifact, error} = decide([1, 2], options);
    expect(error?.message).toBe('Invocation must be a mapping object');
    expect(error?.details).toEqual({received_type: 'list'});
    expect(artifact).toMatchObject({policy_file: 'unknown', role: 'unknown', failure_gate: 'invocation_validation'});
    expect(metadataOf(artifact)).toEqual({gates_evaluated: [], redacted_fields: [], pre_pipeline_failure: true, enforcement_mode: 'unified'});
  });

  it('fails closed on malformed tool_calls instead of crashing (deliberate difference)', () => {
    const {artifact} = decide(invocation({policy_file: 'tools.yaml', tool_calls: [{tool: 'search'}]}), options);
    expect(artifact.failure_gate).toBe('invocation_validation');
    expect(artifact.failures).toEqual([expect.objectContaining({code: 'InvocationValidationError', field: 'tool_calls'})]);
    expect(metadataOf(artifact).gates_evaluated).toEqual(['guard_evaluation', 'role_validation', 'precondition_validation']);
  });

  it('classifies an unsupported postcondition by kind even when its name contains "role" (deliberate difference)', () => {
    const {artifact} = decide(invocation({policy_file: 'post.yaml'}), options);
    expect(artifact.failure_reason).toBe('Unsupported postcondition: role_check');
    expect(artifact.failure_gate).toBe('postcondition_validation');
  });

  it('fails closed on an invalid output_schema (deliberate difference)', () => {
    const {artifact, error} = decide(invocation({policy_file: 'bad-schema.yaml'}), options);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect(artifact.enforcement_result).toBe('FAIL');
    expect(artifact.failure_gate).toBe('invocation_validation');
  });

  it('redacts secrets from failure messages and names the patterns that fired', () => {
    const {artifact} = decide(invocation({role: 'bob@example.com 123-45-6789'}), options);
    expect(artifact.failure_reason).toBe("Unauthorized role '[REDACTED:email] [REDACTED:ssn]'");
    expect(metadataOf(artifact).redacted_fields).toEqual(['email', 'ssn']);
    expect(artifact.role).toBe('bob@example.com 123-45-6789');
  });

  it('normalises provenance from the context', () => {
    const provenance = {source_ids: ['doc-a', 'doc-a', '', 7, 'doc-b'], derived_from_audit_checksums: ['a'.repeat(64), 'nothex'], junk: 1};
    const artifact = enforceInvocation(invocation({context: {role_declared: true, provenance}}), options);
    expect(artifact.provenance).toEqual({source_ids: ['doc-a', 'doc-b'], derived_from_audit_checksums: ['a'.repeat(64)]});
  });

  it('signs PASS and in-pipeline FAIL artifacts, and pre-pipeline ones only when asked', () => {
    const signer = new HmacSigner('k');
    expect(verifyArtifact(enforceInvocation(invocation(), {...options, signer}), signer)).toBe(true);
    expect(verifyArtifact(decide(invocation({role: 'x'}), {...options, signer}).artifact, signer)).toBe(true);
    expect(decide({}, {...options, signer}).artifact.signature).toBeNull();
    expect(verifyArtifact(decide({}, {...options, signer, signPrePipeline: true}).artifact, signer)).toBe(true);
  });

  it('keeps legacy preconditions in declaration order and checks truthiness', () => {
    expect(metadataOf(enforceInvocation(invocation({policy_file: 'legacy.yaml'}), options)).preconditions_satisfied).toEqual(['role_declared']);
    expect(decide(invocation({policy_file: 'legacy.yaml', context: {role_declared: 0}}), options).artifact.failure_reason).toBe(
      'Missing or false required precondition: role_declared',
    );
  });
});

describe('strict mode', () => {
  it('refuses a policy without typed preconditions before the pipeline', () => {
    const {artifact, error} = decide(invocation({policy_file: 'legacy.yaml'}), {...options, strictMode: true});
    expect(error?.message).toBe('Strict mode policy validation failed');
    expect(error?.details.issues).toEqual(['Policy uses bare-string preconditions; strict mode requires typed (dict) preconditions']);
    expect(metadataOf(artifact).pre_pipeline_failure).toBe(true);
  });

  it('only warns when strict mode is off', () => {
    const warnings: string[] = [];
    const {error} = decide(invocation({policy_file: 'legacy.yaml'}), {...options, strictMode: false, onWarning: (m) => warnings.push(m)});
    expect(error).toBeNull();
    expect(warnings).toEqual(['Policy uses bare-string preconditions; strict mode requires typed (dict) preconditions']);
  });
});

describe('sinks', () => {
  it('receives a copy of every artifact', () => {
    const received: PyDict[] = [];
    const sink = new CallbackAuditSink((artifact) => {
      received.push(artifact);
      artifact.role = 'mutated';
    });
    const artifact = enforceInvocation(invocation(), {...options, sink});
    decide(invocation({role: 'x'}), {...options, sink});
    expect(received.map((a) => a.enforcement_result)).toEqual(['PASS', 'FAIL']);
    expect(artifact.role).toBe('planner');
  });

  it("turns a failing sink on PASS into a sink_emission FAIL in 'raise' mode", () => {
    const sink = new CallbackAuditSink(() => {
      throw new Error('disk full');
    });
    const {artifact, error} = decide(invocation(), {...options, sink, onSinkFailure: 'raise'});
    expect(error).toBeInstanceOf(AuditSinkError);
    expect(artifact.failure_gate).toBe('sink_emission');
    expect(artifact.failure_reason).toBe('Audit sink emit failed: disk full');
    expect(metadataOf(artifact).gates_evaluated).toHaveLength(6);
  });

  it("keeps the verdict when the sink fails in 'log' mode", () => {
    const sink = new CallbackAuditSink(() => {
      throw new Error('disk full');
    });
    expect(decide(invocation(), {...options, sink}).error).toBeNull();
  });
});

describe('custom gates', () => {
  const gate = (name: string, insertionPoint: EnforcementGate['insertionPoint'], result: () => ReturnType<EnforcementGate['evaluate']>): EnforcementGate => ({
    name,
    insertionPoint,
    evaluate: result,
  });

  it('runs at the four insertion points in pipeline order', () => {
    const gates = [
      gate('pp', 'post_output', () => ({})),
      gate('pa', 'pre_authorization', () => ({})),
      gate('po', 'pre_output', () => ({})),
      gate('qa', 'post_authorization', () => ({})),
    ];
    const artifact = enforceInvocation(invocation(), {...options, customGates: gates});
    expect(metadataOf(artifact).gates_evaluated).toEqual([
      'custom:pa',
      'guard_evaluation',
      'role_validation',
      'precondition_validation',
      'tool_constraint_validation',
      'custom:qa',
      'custom:po',
      'schema_validation',
      'postcondition_validation',
      'custom:pp',
    ]);
  });

  it('reports output-gate failures with their own codes', () => {
    const failing = gate('prov', 'pre_output', () => ({failures: [{code: 'PROVENANCE_MISSING', message: 'no sources', field: 'context.provenance'}]}));
    const {artifact} = decide(invocation(), {...options, customGates: [failing]});
    expect(artifact.failure_gate).toBe('custom_gate_violation');
    expect(artifact.failures).toEqual([{code: 'PROVENANCE_MISSING', message: 'no sources', field: 'context.provenance'}]);
  });

  it('wraps authorization-gate failures in one CustomGateViolationError entry', () => {
    const failing = gate('a', 'post_authorization', () => ({failures: [{code: 'X', message: 'nope'}]}));
    const {artifact} = decide(invocation(), {...options, customGates: [failing]});
    expect(artifact.failures).toEqual([{code: 'CustomGateViolationError', message: 'Custom gate failed at post_authorization: nope', field: null}]);
  });

  it('turns an attempt to mutate the policy into a failure', () => {
    const mutating: EnforcementGate = {
      name: 'm',
      insertionPoint: 'pre_authorization',
      evaluate: (_inv, policy) => {
        (policy as PyDict).roles = ['admin'];
        return {};
      },
    };
    const {artifact} = decide(invocation(), {...options, customGates: [mutating]});
    expect(artifact.failure_reason).toMatch(/^Custom gate failed at pre_authorization: Gate 'm' attempted to mutate read-only data/);
  });

  it('turns a thrown error into a failure, never a crash', () => {
    const throwing = gate('t', 'pre_output', () => {
      throw new Error('boom');
    });
    expect(decide(invocation(), {...options, customGates: [throwing]}).artifact.failures).toEqual([
      {code: 'CUSTOM_GATE_ERROR', message: "Gate 't' raised: boom", field: null},
    ]);
  });

  it('records sorted custom metadata on PASS only', () => {
    const tagging = gate('tag', 'post_authorization', () => ({metadata: {ticket: 'T-1', approved: true}}));
    const artifact = enforceInvocation(invocation(), {...options, customGates: [tagging]});
    expect(Object.keys(metadataOf(artifact).custom_gate_metadata as PyDict)).toEqual(['approved', 'ticket']);
  });

  it('refuses a gate with no name or an unknown insertion point', () => {
    expect(() => decide(invocation(), {...options, customGates: [gate('', 'pre_output', () => ({}))]})).toThrow(
      "Gate must have a non-empty string name, got: ''",
    );
  });
});
