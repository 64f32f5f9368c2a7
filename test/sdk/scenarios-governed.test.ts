import {describe, expect, it, vi} from 'vitest';
import {CallbackAuditSink} from '../../src/audit/sinks.js';
import {GovernanceViolationError, PreconditionError} from '../../src/errors.js';
import {checksum} from '../../src/pipeline/artifact.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {type GovernedOptions, governed} from '../../src/sdk/governed.js';
import {PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
const clock = () => 1700000000;

const VALID_OUTPUT = {result: 'analysis complete', confidence: 0.95};
const VALID_CONTEXT = {role_declared: true};
const PHASE_A_GATES = ['guard_evaluation', 'role_validation', 'precondition_validation', 'tool_constraint_validation'];

/** The planner's options, whatever enforces them. */
const PLANNER: GovernedOptions = {policyFile: 'policy.yaml', role: 'planner', modelProvider: 'anthropic', modelIdentifier: 'claude-sonnet'};

/** Options enforcing through an Aigc instance whose sink collects into `received`. */
function throughInstance(received: PyDict[], overrides: Partial<GovernedOptions> = {}): GovernedOptions {
  return {...PLANNER, aigc: new Aigc({cwd: dir, clock, sink: new CallbackAuditSink((artifact) => received.push(artifact))}), ...overrides};
}

/** Options for module-level enforcement whose sink collects into `received`. */
function moduleLevel(received: PyDict[], overrides: Partial<GovernedOptions> = {}): GovernedOptions {
  return {...PLANNER, enforceOptions: {cwd: dir, now: clock, sink: new CallbackAuditSink((artifact) => received.push(artifact))}, ...overrides};
}

/** The process warnings emitted while `run` runs (they are delivered on a later tick). */
async function processWarningsDuring(run: () => Promise<unknown>): Promise<Error[]> {
  const warnings: Error[] = [];
  const listener = (warning: Error) => warnings.push(warning);
  process.on('warning', listener);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return warnings;
}

describe('governed() split enforcement', () => {
  it('attaches the Phase A FAIL artifact to the error and never calls the function', async () => {
    const model = vi.fn(async () => VALID_OUTPUT);
    const call = governed(model, throughInstance([], {role: 'unauthorized_role'}));
    const failure = await call({task: 'analyse'}, VALID_CONTEXT).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GovernanceViolationError);
    expect(failure).toMatchObject({
      auditArtifact: expect.objectContaining({
        enforcement_result: 'FAIL',
        failure_gate: 'role_validation',
        failures: [{code: 'GovernanceViolationError', message: "Unauthorized role 'unauthorized_role'", field: null}],
        metadata: {enforcement_mode: 'split_pre_call_only', pre_call_gates_evaluated: ['guard_evaluation'], redacted_fields: []},
      }),
    });
    expect(model).not.toHaveBeenCalled();
  });

  it('records a PASS artifact carrying the split metadata: mode, the gates of each phase and both timestamps', async () => {
    const received: PyDict[] = [];
    await governed(async () => VALID_OUTPUT, throughInstance(received))({task: 'analyse'}, VALID_CONTEXT);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      enforcement_result: 'PASS',
      metadata: expect.objectContaining({
        enforcement_mode: 'split',
        pre_call_gates_evaluated: PHASE_A_GATES,
        post_call_gates_evaluated: ['schema_validation', 'postcondition_validation'],
        pre_call_timestamp: 1700000000,
        post_call_timestamp: 1700000000,
      }),
    });
  });

  it('enforces a call made without context as one with an empty context', async () => {
    const model = vi.fn(async () => VALID_OUTPUT);
    const failure = await governed(model, throughInstance([]))({task: 'analyse'}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PreconditionError);
    expect(failure).toMatchObject({
      message: 'Missing required precondition: role_declared',
      auditArtifact: expect.objectContaining({failure_gate: 'precondition_validation'}),
    });
    expect(model).not.toHaveBeenCalled();
  });

  it('enforces a non-object input as {} while the function still receives the caller’s own argument', async () => {
    const received: PyDict[] = [];
    const model = vi.fn(async (_input: PyDict, _context: PyDict) => VALID_OUTPUT);
    const call = governed(model, throughInstance(received));
    expect(await call('not a mapping' as unknown as PyDict, VALID_CONTEXT)).toEqual(VALID_OUTPUT);
    expect(model).toHaveBeenCalledWith('not a mapping', VALID_CONTEXT);
    expect(received[0].input_checksum).toBe(checksum({}));
  });

  it('enforces a non-object context as {}: its preconditions are missing and the function is not called', async () => {
    const model = vi.fn(async () => VALID_OUTPUT);
    const call = governed(model, throughInstance([]));
    await expect(call({task: 'analyse'}, 'role_declared' as unknown as PyDict)).rejects.toThrow(
      'Missing required precondition: role_declared',
    );
    expect(model).not.toHaveBeenCalled();
  });

  it('answers to the wrapped function’s name', () => {
    async function summariseTicket() {
      return VALID_OUTPUT;
    }
    const planInvestigation = async () => VALID_OUTPUT;
    expect(governed(summariseTicket, throughInstance([])).name).toBe('summariseTicket');
    expect(governed(planInvestigation, throughInstance([])).name).toBe('planInvestigation');
  });

  it('records a wrapped-function FAIL artifact when the function throws, and hands the caller that very error', async () => {
    const received: PyDict[] = [];
    const quota = new RangeError('quota exceeded for bob@example.com');
    const call = governed(async () => {
      throw quota;
    }, moduleLevel(received));
    const failure = await call({task: 'analyse'}, {...VALID_CONTEXT, provenance: {source_ids: ['doc-a']}}).catch((error: unknown) => error);
    expect(failure).toBe(quota);
    expect(failure).not.toHaveProperty('auditArtifact');
    expect(received).toEqual([
      expect.objectContaining({
        enforcement_result: 'FAIL',
        failure_gate: 'wrapped_function_error',
        failure_reason: 'RangeError: quota exceeded for [REDACTED:email]',
        failures: [{code: 'RangeError', message: 'RangeError: quota exceeded for [REDACTED:email]', field: null}],
        metadata: {enforcement_mode: 'split', pre_call_gates_evaluated: PHASE_A_GATES},
        output_checksum: checksum({}),
        provenance: {source_ids: ['doc-a']},
        signature: null,
      }),
    ]);
  });
});

describe('governed() with pre-call enforcement turned off', () => {
  it('emits one DeprecationWarning when the function is wrapped, none when it is called', async () => {
    let call: ((input?: PyDict, context?: PyDict) => Promise<PyDict>) | undefined;
    const atWrap = await processWarningsDuring(async () => {
      call = governed(async () => VALID_OUTPUT, throughInstance([], {preCallEnforcement: false}));
    });
    const atCall = await processWarningsDuring(() => call!({task: 'analyse'}, VALID_CONTEXT));
    expect(atWrap).toEqual([expect.objectContaining({name: 'DeprecationWarning', message: expect.stringContaining('preCallEnforcement: false')})]);
    expect(atCall).toEqual([]);
  });

  it('emits no deprecation warning when pre-call enforcement is left on', async () => {
    const warnings = await processWarningsDuring(async () => {
      governed(async () => VALID_OUTPUT, throughInstance([]));
      governed(async () => VALID_OUTPUT, throughInstance([], {preCallEnforcement: true}));
    });
    expect(warnings).toEqual([]);
  });

  it('calls the function first, then enforces the whole invocation in unified mode', async () => {
    const received: PyDict[] = [];
    const model = vi.fn(async () => VALID_OUTPUT);
    const call = governed(model, throughInstance(received, {preCallEnforcement: false}));
    expect(await call({task: 'analyse'}, VALID_CONTEXT)).toEqual(VALID_OUTPUT);
    expect(model).toHaveBeenCalledOnce();
    expect(received[0]).toMatchObject({
      enforcement_result: 'PASS',
      metadata: expect.objectContaining({
        enforcement_mode: 'unified',
        gates_evaluated: [...PHASE_A_GATES, 'schema_validation', 'postcondition_validation'],
      }),
    });
  });
});
