// OpenTelemetry spans for enforcement, through `@opentelemetry/api` when the
// host application has it installed, a no-op otherwise. Spans are recorded
// from the finished decision, so a decision never depends on telemetry.

import {createRequire} from 'node:module';
import {type PyDict, PyFloat} from '../python/values.js';

interface Span {
  setAttribute(key: string, value: string | number | boolean): unknown;
  end(): void;
}
interface Tracer {
  startSpan(name: string, options?: {attributes?: Record<string, string>}): Span;
}

interface TraceApi {
  getTracer(name: string): Tracer;
}

let traceApi: TraceApi | null | undefined;

/**
 * The tracer, asked of the API at every span rather than once: a tracer
 * taken before the application registers its provider would stay a no-op.
 */
function otelTracer(): Tracer | null {
  if (traceApi === undefined) {
    try {
      traceApi = (createRequire(import.meta.url)('@opentelemetry/api') as {trace: TraceApi}).trace;
    } catch {
      traceApi = null;
    }
  }
  return traceApi ? traceApi.getTracer('aigc.enforcement') : null;
}

/** Whether `@opentelemetry/api` could be loaded. */
export function isOtelAvailable(): boolean {
  otelTracer();
  return traceApi !== null;
}

/** Records one enforcement as a span: its gates, result, risk score and mode. Never throws. */
export function recordEnforcementSpan(name: string, artifact: PyDict): void {
  try {
    const active = otelTracer();
    if (!active) return;
    const span = active.startSpan(name, {
      attributes: {'aigc.policy_file': String(artifact.policy_file ?? ''), 'aigc.role': String(artifact.role ?? '')},
    });
    const metadata = (artifact.metadata ?? {}) as PyDict;
    const gates = [
      ...((metadata.gates_evaluated as string[] | undefined) ?? []),
      ...((metadata.pre_call_gates_evaluated as string[] | undefined) ?? []),
      ...((metadata.post_call_gates_evaluated as string[] | undefined) ?? []),
    ];
    for (const gate of gates) span.setAttribute(`aigc.gate.${gate}.status`, 'completed');
    if (typeof artifact.failure_gate === 'string') span.setAttribute(`aigc.gate.${artifact.failure_gate}.status`, 'failed');
    span.setAttribute('aigc.enforcement.result', String(artifact.enforcement_result));
    const risk = artifact.risk_score;
    if (typeof risk === 'number' || risk instanceof PyFloat) span.setAttribute('aigc.enforcement.risk_score', typeof risk === 'number' ? risk : risk.value);
    if (typeof metadata.enforcement_mode === 'string') span.setAttribute('aigc.enforcement_mode', metadata.enforcement_mode);
    span.end();
  } catch {
    // Telemetry must never change an outcome.
  }
}
