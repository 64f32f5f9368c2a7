import {describe, expect, it} from 'vitest';
import {AigcError, CustomGateViolationError} from '../../src/errors.js';
import {PROVENANCE_MISSING, ProvenanceGate, SOURCE_IDS_MISSING} from '../../src/gates/provenance.js';
import {enforceInvocation} from '../../src/pipeline/enforce.js';
import {enforcePostCall, enforcePreCall, wrappedFunctionFailure} from '../../src/pipeline/split.js';
import type {PyDict, PyValue} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
const options = {cwd: dir, now: () => 1700000000};

const NO_PROVENANCE = {
  code: PROVENANCE_MISSING,
  message: 'ProvenanceGate: no provenance in invocation context; output requires source attribution',
  field: 'context.provenance',
};
const NO_SOURCE_IDS = {
  code: SOURCE_IDS_MISSING,
  message: 'ProvenanceGate: provenance has no source_ids; output requires at least one source identifier',
  field: 'context.provenance.source_ids',
};
const INVALID_SOURCE_IDS = {
  code: SOURCE_IDS_MISSING,
  message: 'ProvenanceGate: source_ids must contain only non-empty strings; output requires at least one valid source identifier',
  field: 'context.provenance.source_ids',
};
const DOC_A = {source_ids: ['doc-a']};

/** An invocation whose context carries `provenance` (none when it is undefined). */
function withProvenance(provenance: PyValue | undefined, overrides: PyDict = {}): PyDict {
  const context: PyDict = {role_declared: true};
  if (provenance !== undefined) context.provenance = provenance;
  return invocation({context, ...overrides});
}

function preCallOf(request: PyDict): PyDict {
  const {output: _output, ...rest} = request;
  return rest;
}

/** The artifact attached to the governance error `run` throws. */
function failureArtifact(run: () => unknown): PyDict {
  try {
    run();
  } catch (error) {
    if (error instanceof AigcError && error.auditArtifact) return error.auditArtifact;
    throw error;
  }
  return expect.fail('expected enforcement to fail');
}

describe('ProvenanceGate on its own', () => {
  const gate = new ProvenanceGate();

  it.each<[string, PyValue | undefined, PyDict]>([
    ['absent', undefined, NO_PROVENANCE],
    ['null', null, NO_PROVENANCE],
    ['empty', {}, NO_PROVENANCE],
    ['a scalar', 'step-1', NO_PROVENANCE],
    ['without source_ids', {compilation_source_hash: 'abc'}, NO_SOURCE_IDS],
    ['with no source ids', {source_ids: []}, NO_SOURCE_IDS],
    ['with source_ids as a string', {source_ids: 'step-1'}, NO_SOURCE_IDS],
    ['with a source id that is a number', {source_ids: [123]}, INVALID_SOURCE_IDS],
    ['with a source id that is null', {source_ids: [null]}, INVALID_SOURCE_IDS],
    ['with a source id that is empty', {source_ids: ['']}, INVALID_SOURCE_IDS],
    ['with an empty id among good ones', {source_ids: ['doc', '']}, INVALID_SOURCE_IDS],
  ])('fails provenance that is %s', (_, provenance, failure) => {
    expect(gate.evaluate(withProvenance(provenance))).toEqual({passed: false, failures: [failure]});
  });

  it('passes provenance with non-empty string source ids', () => {
    expect(gate.evaluate(withProvenance({source_ids: ['step-1', 'step-2']})).passed).toBe(true);
  });

  it('passes even scalar provenance when source ids are not required', () => {
    expect(new ProvenanceGate({requireSourceIds: false}).evaluate(withProvenance('bad-scalar')).passed).toBe(true);
  });
});

describe('ProvenanceGate in an Aigc instance', () => {
  const aigc = new Aigc({...options, clock: options.now, customGates: [new ProvenanceGate()]});

  it('passes attributed output, recording itself between the authorization and output gates', async () => {
    const artifact = await aigc.enforce(withProvenance(DOC_A));
    expect(artifact.enforcement_result).toBe('PASS');
    expect(artifact.provenance).toEqual(DOC_A);
    expect((artifact.metadata as PyDict).gates_evaluated).toEqual([
      'guard_evaluation',
      'role_validation',
      'precondition_validation',
      'tool_constraint_validation',
      'custom:provenance_gate',
      'schema_validation',
      'postcondition_validation',
    ]);
  });

  it('fails unattributed output at custom_gate_violation with the gate’s own failure', async () => {
    const failure = await aigc.enforce(withProvenance(undefined)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CustomGateViolationError);
    expect(failure).toMatchObject({
      message: `Custom gate failed at pre_output: ${NO_PROVENANCE.message}`,
      auditArtifact: expect.objectContaining({
        failure_gate: 'custom_gate_violation',
        failures: [NO_PROVENANCE],
        failure_reason: `Custom gate failed at pre_output: ${NO_PROVENANCE.message}`,
        provenance: null,
      }),
    });
  });

  it('fails provenance without source ids with SOURCE_IDS_MISSING', async () => {
    await expect(aigc.enforce(withProvenance({compilation_source_hash: 'abc'}))).rejects.toMatchObject({
      auditArtifact: expect.objectContaining({failure_gate: 'custom_gate_violation', failures: [NO_SOURCE_IDS]}),
    });
  });

  it('fails an empty source id among good ones, and the artifact keeps only the good ids', async () => {
    await expect(aigc.enforce(withProvenance({source_ids: ['doc', '']}))).rejects.toMatchObject({
      message: `Custom gate failed at pre_output: ${INVALID_SOURCE_IDS.message}`,
      auditArtifact: expect.objectContaining({
        failure_gate: 'custom_gate_violation',
        failures: [INVALID_SOURCE_IDS],
        provenance: {source_ids: ['doc']},
      }),
    });
  });

  it('records scalar provenance as null when the gate lets it through', async () => {
    const lenient = new Aigc({...options, clock: options.now, customGates: [new ProvenanceGate({requireSourceIds: false})]});
    const artifact = await lenient.enforce(withProvenance('bad-scalar'));
    expect(artifact.enforcement_result).toBe('PASS');
    expect(artifact.provenance).toBeNull();
  });
});

describe('provenance on FAIL artifacts', () => {
  it.each<[string, () => unknown]>([
    ['a unified pipeline', () => new Aigc({cwd: dir}).enforceSync(withProvenance(DOC_A, {role: 'nobody'}))],
    ['a Phase A', () => enforcePreCall(preCallOf(withProvenance(DOC_A, {role: 'nobody'})), options)],
    ['a Phase B', () => enforcePostCall(enforcePreCall(preCallOf(withProvenance(DOC_A)), options), {result: 'no confidence'}, options)],
    ['a pre-pipeline', () => enforceInvocation(withProvenance(DOC_A, {policy_file: 'nonexistent/policy.yaml'}), options)],
    [
      'a pre-pipeline (unserialisable context)',
      () => enforceInvocation(invocation({context: {provenance: DOC_A, score: Number.NaN}}), options),
    ],
  ])('keeps the context provenance on %s FAIL artifact', (_, run) => {
    const artifact = failureArtifact(run);
    expect(artifact.enforcement_result).toBe('FAIL');
    expect(artifact.provenance).toEqual(DOC_A);
  });

  it('keeps the context provenance on the wrapped-function FAIL artifact', () => {
    const token = enforcePreCall(preCallOf(withProvenance(DOC_A)), options);
    const artifact = wrappedFunctionFailure(token, new Error('model call failed'), options);
    expect(artifact).toMatchObject({failure_gate: 'wrapped_function_error', provenance: DOC_A});
  });
});
