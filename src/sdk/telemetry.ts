// OpenTelemetry spans for enforcement, through `@opentelemetry/api` when the
// host application has it installed, a no-op otherwise. Spans are recorded
// from the finished decision, so a decision never depends on telemetry.

import {createRequire} from 'node:module';
import type {PyDict} from '../python/values.js';

interface Span {
  setAttribute(key: string, value: string | number | boolean): unknown;
  end(): void;
}
interface Tracer {
  startSpan(name: string, options?: {attributes?: Record<string, string>}): Span;
}

let tracer: Tracer | null | undefined;

function otelTracer(): Tracer | null {
  if (tracer !== undefined) return tracer;
  try {
    const api = createRequire(import.meta.url)('@opentelemetry/api') as {trace: {getTracer(name: string): Tracer}};
    tracer = api.trace.getTracer('aigc.enforcement');
  } catch {
    tracer = null;
  }
  return tracer;
}

/** Whether `@opentelemetry/api` could be loaded. */
export function isOtelAvailable(): boolean {
  return otelTracer() !== null;
}

/** Records one enforcement as a span: its gates, result, risk score and mode. Never throws. */
export function recordEnforcementSpan(name: string, artifact: PyDict): void {
  const active = otelTracer();
  if (!active) return;
  try {
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
    if (typeof artifact.risk_score === 'number') span.setAttribute('aigc.enforcement.risk_score', artifact.risk_score);
    if (typeof metadata.enforcement_mode === 'string') span.setAttribute('aigc.enforcement_mode', metadata.enforcement_mode);
    span.end();
  } catch {
    // Telemetry must never change an outcome.
  }
}
