import {trace} from '@opentelemetry/api';
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {HmacSigner} from '../../src/audit/signing.js';
import type {EnforcementGate} from '../../src/gates/custom.js';
import {decide, enforceInvocation} from '../../src/pipeline/enforce.js';
import {enforcePostCall, enforcePreCall} from '../../src/pipeline/split.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {governed} from '../../src/sdk/governed.js';
import {isOtelAvailable} from '../../src/telemetry.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const RISKY_POLICY = `${PLANNER_POLICY}
risk:
  mode: risk_scored
  threshold: 0.9
  factors:
    - {name: external, weight: 0.25, condition: external_model}
`;
const {dir, options} = policyFolder({'policy.yaml': PLANNER_POLICY, 'risky.yaml': RISKY_POLICY});
const clock = () => 1700000000;

interface RecordedSpan {
  name: string;
  attributes: Record<string, unknown>;
  ended: boolean;
}

// A minimal tracer provider: enough to see what aigc records, without an SDK.
// `active` is the span whose callback is running, as a context manager would make it.
const spans: RecordedSpan[] = [];
let active: RecordedSpan | null = null;
let failure: 'none' | 'start' | 'attributes' = 'none';
const provider = {
  getTracer: () =>
    ({
      startActiveSpan: (name: string, options: {attributes?: Record<string, unknown>}, run: (span: unknown) => unknown) => {
        if (failure === 'start') throw new Error('exporter down');
        const span: RecordedSpan = {name, attributes: {...options.attributes}, ended: false};
        spans.push(span);
        const outer = active;
        active = span;
        try {
          return run({
            setAttribute: (key: string, value: unknown) => {
              if (failure === 'attributes') throw new Error('exporter down');
              span.attributes[key] = value;
            },
            end: () => void (span.ended = true),
          });
        } finally {
          active = outer;
        }
      },
    }) as never,
};
trace.setGlobalTracerProvider(provider);
afterAll(() => trace.disable());
beforeEach(() => {
  spans.length = 0;
  failure = 'none';
});

/** The failure message of an enforcement, or 'PASS'. */
function enforceInvocationOrError(value: PyDict, settings: typeof options & {signer?: HmacSigner}): string {
  const decision = decide(value, settings);
  return decision.error ? decision.error.message : 'PASS';
}

const preCallOf = (overrides: PyDict = {}): PyDict => {
  const {output: _output, ...preCall} = invocation(overrides);
  return preCall;
};

describe('OpenTelemetry spans, as the reference records them', () => {
  it('records a unified enforcement as aigc.enforce_invocation with its identity, completed gates and result', async () => {
    expect(isOtelAvailable()).toBe(true);
    await new Aigc({cwd: dir, clock}).enforce(invocation());
    expect(spans).toEqual([
      {
        name: 'aigc.enforce_invocation',
        ended: true,
        attributes: {
          'aigc.policy_file': 'policy.yaml',
          'aigc.role': 'planner',
          'aigc.gate.guard_evaluation.status': 'completed',
          'aigc.gate.role_validation.status': 'completed',
          'aigc.gate.precondition_validation.status': 'completed',
          'aigc.gate.tool_constraint_validation.status': 'completed',
          'aigc.gate.schema_validation.status': 'completed',
          'aigc.gate.postcondition_validation.status': 'completed',
          'aigc.enforcement.result': 'PASS',
          'aigc.enforcement.policy_file': 'policy.yaml',
          'aigc.enforcement.role': 'planner',
          'aigc.enforcement_mode': 'unified',
        },
      },
    ]);
  });

  it('marks only the gates that completed before a FAIL', () => {
    decide(invocation({context: {}}), options);
    expect(spans[0].attributes).toMatchObject({'aigc.gate.role_validation.status': 'completed', 'aigc.enforcement.result': 'FAIL'});
    expect(spans[0].attributes).not.toHaveProperty('aigc.gate.precondition_validation.status');
  });

  it('records the risk score on the risk gate and on a PASS result', () => {
    enforceInvocation(invocation({policy_file: 'risky.yaml', model_provider: 'openai'}), options);
    expect(spans[0].attributes).toMatchObject({
      'aigc.gate.risk_scoring.status': 'completed',
      'aigc.gate.risk_scoring.score': 0.25,
      'aigc.enforcement.risk_score': 0.25,
    });
  });

  it('records module-level enforcement too, not only Aigc instances', () => {
    enforceInvocation(invocation(), options);
    expect(spans.map((span) => span.name)).toEqual(['aigc.enforce_invocation']);
  });

  it('ends the span even when the pipeline throws (an artifact that cannot be signed)', () => {
    const signed = {...options, signer: new HmacSigner('k')};
    expect(enforceInvocationOrError(invocation({context: {role_declared: true, note: '\udc00'}}), signed)).toBe('Invocation cannot be recorded: surrogates not allowed');
    expect(spans.map((span) => [span.name, span.ended])).toEqual([['aigc.enforce_invocation', true]]);
  });

  it('records no span for an invocation refused before the pipeline', () => {
    decide(invocation({role: 42}), options);
    decide('not an invocation', options);
    expect(spans).toEqual([]);
  });

  it('names split phases aigc.enforce_pre_call (PASS_PHASE_A) and aigc.enforce_post_call, both in split mode', () => {
    const token = enforcePreCall(preCallOf(), options);
    enforcePostCall(token, {result: 'ok', confidence: 0.5}, options);
    expect(spans.map((span) => [span.name, span.attributes['aigc.enforcement.result'], span.attributes['aigc.enforcement_mode']])).toEqual([
      ['aigc.enforce_pre_call', 'PASS_PHASE_A', 'split'],
      ['aigc.enforce_post_call', 'PASS', 'split'],
    ]);
    expect(spans[0].attributes).toHaveProperty('aigc.gate.role_validation.status', 'completed');
    expect(spans[0].attributes).not.toHaveProperty('aigc.gate.schema_validation.status');
    expect(spans[1].attributes).toHaveProperty('aigc.gate.schema_validation.status', 'completed');
    expect(spans[1].attributes).not.toHaveProperty('aigc.gate.role_validation.status');
  });

  it('records a refused pre-call as FAIL in split mode', () => {
    expect(() => enforcePreCall(preCallOf({role: 'intruder'}), options)).toThrow("Unauthorized role 'intruder'");
    expect(spans[0].attributes).toMatchObject({'aigc.enforcement.result': 'FAIL', 'aigc.enforcement_mode': 'split'});
  });

  it('keeps the span active while the pipeline runs, so a custom gate’s spans nest under it', () => {
    let seen: string | undefined;
    const gate: EnforcementGate = {
      name: 'observer',
      insertionPoint: 'pre_output',
      evaluate: () => {
        seen = active?.name;
        return {};
      },
    };
    enforceInvocation(invocation(), {...options, customGates: [gate]});
    expect(seen).toBe('aigc.enforce_invocation');
  });

  it('traces governed() calls made without an Aigc instance', async () => {
    const call = governed(async () => ({result: 'ok', confidence: 0.5}), {
      policyFile: 'policy.yaml',
      role: 'planner',
      modelProvider: 'openai',
      modelIdentifier: 'gpt-4o',
      enforceOptions: options,
    });
    await call({task: 'x'}, {role_declared: true});
    expect(spans.map((span) => span.name)).toEqual(['aigc.enforce_pre_call', 'aigc.enforce_post_call']);
  });
});

describe('telemetry never changes a decision', () => {
  it('gives the same artifact with and without a tracer', () => {
    const traced = enforceInvocation(invocation(), options);
    trace.disable();
    try {
      expect(enforceInvocation(invocation(), options)).toEqual(traced);
    } finally {
      trace.setGlobalTracerProvider(provider);
    }
  });

  it('runs the pipeline once, to the same artifact, when the tracer throws on start or on every attribute', () => {
    const expected = enforceInvocation(invocation(), options);
    let runs = 0;
    const counter: EnforcementGate = {
      name: 'counter',
      insertionPoint: 'post_output',
      evaluate: () => {
        runs++;
        return {};
      },
    };
    for (const mode of ['start', 'attributes'] as const) {
      failure = mode;
      expect(enforceInvocation(invocation(), options)).toEqual(expected);
      expect(() => enforceInvocation(invocation({role: 'x'}), options)).toThrow("Unauthorized role 'x'");
      runs = 0;
      enforceInvocation(invocation(), {...options, customGates: [counter]});
      expect(runs).toBe(1);
    }
  });
});
