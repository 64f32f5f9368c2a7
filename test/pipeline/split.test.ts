import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {HmacSigner, verifyArtifact} from '../../src/audit/signing.js';
import {parseJson} from '../../src/canonical/json.js';
import {InvocationValidationError} from '../../src/errors.js';
import type {EnforcementGate} from '../../src/gates/custom.js';
import {decide} from '../../src/pipeline/enforce.js';
import {decidePostCall, decidePreCall, enforcePostCall, enforcePreCall, PreCallResult} from '../../src/pipeline/split.js';
import type {PyDict} from '../../src/python/values.js';
import {invocation, PLANNER_POLICY, policyFolder} from './helpers.js';

/** The reference's Phase A FAIL artifact for this file's policy and invocation (scripts/gen-audit-vectors.py). */
const REFERENCE_PRE_CALL_FAILURE = (parseJson(readFileSync(new URL('../data/audit/reference-vectors.json', import.meta.url), 'utf8')) as {
  pre_call_failure: {output_checksum: string};
}).pre_call_failure;

const {options} = policyFolder({'policy.yaml': PLANNER_POLICY});
const preCall = (overrides: PyDict = {}) => {
  const {output: _output, ...rest} = invocation(overrides);
  return rest;
};

describe('split enforcement', () => {
  it('passes Phase A, then Phase B on the output, with split metadata', () => {
    const token = enforcePreCall(preCall(), options);
    const artifact = enforcePostCall(token, {result: 'ok', confidence: 0.9}, options);
    expect(artifact.enforcement_result).toBe('PASS');
    expect(artifact.metadata).toMatchObject({
      enforcement_mode: 'split',
      pre_call_gates_evaluated: ['guard_evaluation', 'role_validation', 'precondition_validation', 'tool_constraint_validation'],
      post_call_gates_evaluated: ['schema_validation', 'postcondition_validation'],
      pre_call_timestamp: 1700000000,
      post_call_timestamp: 1700000000,
    });
    expect(artifact.metadata).not.toHaveProperty('gates_evaluated');
  });

  it('records the same decision as unified mode for the same invocation', () => {
    const unified = decide(invocation(), options).artifact;
    const split = enforcePostCall(enforcePreCall(preCall(), options), {result: 'ok', confidence: 0.9}, options);
    expect(split.input_checksum).toBe(unified.input_checksum);
    expect(split.output_checksum).toBe(unified.output_checksum);
    expect(split.enforcement_result).toBe(unified.enforcement_result);
  });

  it('fails Phase A at the role gate with split_pre_call_only metadata and an empty output', () => {
    const decision = decidePreCall(preCall({role: 'intruder'}), options);
    expect('error' in decision && decision.error?.message).toBe("Unauthorized role 'intruder'");
    const artifact = (decision as {artifact: PyDict}).artifact;
    expect(artifact.failure_gate).toBe('role_validation');
    expect(artifact.metadata).toEqual({enforcement_mode: 'split_pre_call_only', pre_call_gates_evaluated: ['guard_evaluation'], redacted_fields: []});
    expect(artifact.output_checksum).toBe(REFERENCE_PRE_CALL_FAILURE.output_checksum);
  });

  it('fails Phase B at the schema gate with both gate lists', () => {
    const decision = decidePostCall(enforcePreCall(preCall(), options), {result: 'ok'}, options);
    expect(decision.artifact.failure_gate).toBe('schema_validation');
    expect(decision.artifact.metadata).toMatchObject({enforcement_mode: 'split', post_call_gates_evaluated: []});
  });

  it('accepts a token once: a second use is a replay', () => {
    const token = enforcePreCall(preCall(), options);
    enforcePostCall(token, {result: 'ok', confidence: 0.9}, options);
    const again = decidePostCall(token, {result: 'ok', confidence: 0.9}, options);
    expect(again.error).toBeInstanceOf(InvocationValidationError);
    expect(again.error?.message).toContain('already been consumed');
    expect(again.artifact.metadata).toMatchObject({enforcement_mode: 'split', pre_pipeline_failure: true});
    expect(again.artifact.role).toBe('planner');
  });

  it('keeps a token usable after an output that is not an object', () => {
    const token = enforcePreCall(preCall(), options);
    const bad = decidePostCall(token, ['not', 'a', 'dict'], options);
    expect(bad.error?.message).toBe('enforce_post_call() output must be a dict');
    expect(enforcePostCall(token, {result: 'ok', confidence: 0.9}, options).enforcement_result).toBe('PASS');
  });

  it('rejects something that is not a token, with placeholders in the artifact', () => {
    const decision = decidePostCall({effectivePolicy: {}}, {}, options);
    expect(decision.error?.message).toBe('enforce_post_call() requires a PreCallResult from enforce_pre_call()');
    expect(decision.artifact).toMatchObject({role: 'unknown', policy_file: 'unknown', failure_gate: 'invocation_validation'});
  });

  it('rejects a forged token built without enforcePreCall', () => {
    const forged = Object.create(PreCallResult.prototype);
    expect(decidePostCall(forged, {}, options).error?.message).toBe(
      'PreCallResult was not issued by enforce_pre_call(); directly-constructed tokens are rejected',
    );
  });

  it('ignores changes to the public evidence: Phase B reads the protected copy', () => {
    const token = enforcePreCall(preCall(), options);
    expect(() => {
      (token as unknown as {effectivePolicy: PyDict}).effectivePolicy = {};
    }).toThrow();
    expect(enforcePostCall(token, {result: 'ok', confidence: 0.9}, options).policy_version).toBe('1.0');
  });

  it('runs the Phase B custom gates captured at pre-call', () => {
    const seen: string[] = [];
    const gate: EnforcementGate = {
      name: 'audit-tag',
      insertionPoint: 'post_output',
      evaluate: () => {
        seen.push('post_output');
        return {metadata: {tagged: true}};
      },
    };
    const token = enforcePreCall(preCall(), {...options, customGates: [gate]});
    const artifact = enforcePostCall(token, {result: 'ok', confidence: 0.9}, options);
    expect(seen).toEqual(['post_output']);
    expect(artifact.metadata).toMatchObject({custom_gate_metadata: {tagged: true}});
    expect((artifact.metadata as PyDict).post_call_gates_evaluated).toContain('custom:audit-tag');
  });

  it('signs Phase B artifacts with the configured signer, never Phase A failures', () => {
    const signer = new HmacSigner('k');
    const artifact = enforcePostCall(enforcePreCall(preCall(), options), {result: 'ok', confidence: 0.9}, {...options, signer});
    expect(verifyArtifact(artifact, signer)).toBe(true);
    const phaseA = decidePreCall(preCall({role: 'x'}), {...options, signer}) as {artifact: PyDict};
    expect(phaseA.artifact.signature).toBeNull();
  });
});
