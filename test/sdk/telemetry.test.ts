import {trace} from '@opentelemetry/api';
import {afterAll, describe, expect, it} from 'vitest';
import {Aigc} from '../../src/sdk/aigc.js';
import {isOtelAvailable} from '../../src/sdk/telemetry.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
const spans: {name: string; attributes: Record<string, unknown>; ended: boolean}[] = [];

// A minimal tracer provider: enough to see what aigc records, without an SDK.
trace.setGlobalTracerProvider({
  getTracer: () =>
    ({
      startSpan: (name: string, options?: {attributes?: Record<string, unknown>}) => {
        const span = {name, attributes: {...options?.attributes}, ended: false};
        spans.push(span);
        return {
          setAttribute: (key: string, value: unknown) => void (span.attributes[key] = value),
          end: () => void (span.ended = true),
        };
      },
    }) as never,
});
afterAll(() => trace.disable());

describe('OpenTelemetry', () => {
  it('records a span per enforcement with its gates and result', async () => {
    expect(isOtelAvailable()).toBe(true);
    await new Aigc({cwd: dir, clock: () => 1700000000}).enforce(invocation());
    expect(spans.at(-1)).toMatchObject({
      name: 'aigc.enforce_invocation',
      ended: true,
      attributes: {
        'aigc.policy_file': 'policy.yaml',
        'aigc.role': 'planner',
        'aigc.gate.role_validation.status': 'completed',
        'aigc.enforcement.result': 'PASS',
        'aigc.enforcement_mode': 'unified',
      },
    });
  });

  it('marks the failed gate on FAIL', async () => {
    await new Aigc({cwd: dir, clock: () => 1700000000}).enforce(invocation({role: 'x'})).catch(() => undefined);
    expect(spans.at(-1)?.attributes).toMatchObject({'aigc.gate.role_validation.status': 'failed', 'aigc.enforcement.result': 'FAIL'});
  });

  it('never changes the decision', async () => {
    const traced = await new Aigc({cwd: dir, clock: () => 1700000000}).enforce(invocation());
    trace.disable();
    const untraced = await new Aigc({cwd: dir, clock: () => 1700000000}).enforce(invocation());
    expect(untraced).toEqual(traced);
  });
});
