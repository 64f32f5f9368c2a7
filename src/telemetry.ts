// OpenTelemetry spans for enforcement, through `@opentelemetry/api` when the
// host application has it installed, a no-op otherwise. The span is active
// while the pipeline runs (a custom gate's own spans nest under it), and its
// attributes are those the reference records: identity, the built-in gates
// that completed, the risk score, the result and the mode. A telemetry
// failure never changes or repeats a decision.

import {createRequire} from 'node:module';
import {getLogger} from './logging.js';
import {type PyDict, PyFloat, type PyValue} from './python/values.js';

type Attribute = string | number | boolean;

interface Span {
  setAttribute(key: string, value: Attribute): unknown;
  end(): void;
}

interface Tracer {
  startActiveSpan<T>(name: string, options: {attributes?: Record<string, Attribute>}, run: (span: Span) => T): T;
}

interface TraceApi {
  getTracer(name: string): Tracer;
}

/** What a finished enforcement tells its span. */
export interface SpanOutcome {
  result: 'PASS' | 'FAIL' | 'PASS_PHASE_A';
  /** The gates the decision went through, as recorded in its artifact. */
  gates: readonly PyValue[];
  riskScore: number | null;
  mode: string;
  policyFile: PyValue | undefined;
  role: PyValue | undefined;
}

/** Gates the reference reports on a span; custom gates are not among them. */
const BUILT_IN_GATES = new Set([
  'guard_evaluation',
  'role_validation',
  'precondition_validation',
  'tool_constraint_validation',
  'schema_validation',
  'postcondition_validation',
  'risk_scoring',
]);

const log = getLogger('telemetry');
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

/**
 * Runs `run` inside an active span `name` (when `enabled` and OpenTelemetry is there) and
 * records what `outcome` says of its result. `run` runs exactly once whatever
 * the tracer does.
 */
export function traced<T>(
  enabled: boolean,
  name: string,
  attributes: () => Record<string, Attribute>,
  run: () => T,
  outcome: (result: T) => SpanOutcome,
): T {
  let tracer: Tracer | null = null;
  try {
    if (enabled) tracer = otelTracer();
  } catch {
    tracer = null;
  }
  if (!tracer) return run();
  let ran = false;
  let result: T | undefined;
  try {
    return tracer.startActiveSpan(name, {attributes: attributes()}, (span) => {
      ran = true;
      try {
        result = run();
      } catch (error) {
        endQuietly(span);
        throw error;
      }
      recordOutcome(span, outcome(result));
      return result;
    });
  } catch (error) {
    if (!ran) return run();
    if (result === undefined) throw error;
    log.debug(`Failed to record the span ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
}

function recordOutcome(span: Span, outcome: SpanOutcome): void {
  try {
    for (const gate of outcome.gates) {
      if (typeof gate === 'string' && BUILT_IN_GATES.has(gate)) span.setAttribute(`aigc.gate.${gate}.status`, 'completed');
    }
    if (outcome.gates.includes('risk_scoring') && outcome.riskScore !== null) span.setAttribute('aigc.gate.risk_scoring.score', outcome.riskScore);
    span.setAttribute('aigc.enforcement.result', outcome.result);
    if (typeof outcome.policyFile === 'string' && outcome.policyFile) span.setAttribute('aigc.enforcement.policy_file', outcome.policyFile);
    if (typeof outcome.role === 'string' && outcome.role) span.setAttribute('aigc.enforcement.role', outcome.role);
    if (outcome.result !== 'FAIL' && outcome.riskScore !== null) span.setAttribute('aigc.enforcement.risk_score', outcome.riskScore);
    span.setAttribute('aigc.enforcement_mode', outcome.mode);
  } catch (error) {
    log.debug(`Failed to record the enforcement result: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    endQuietly(span);
  }
}

function endQuietly(span: Span): void {
  try {
    span.end();
  } catch {
    // Telemetry must never change an outcome.
  }
}

/** The risk score an artifact carries (PASS: `risk_score`; any: `metadata.risk_scoring.score`). */
export function riskScoreOf(artifact: PyDict): number | null {
  const scoring = (artifact.metadata as PyDict | undefined)?.risk_scoring as PyDict | undefined;
  const score = artifact.risk_score ?? scoring?.score;
  if (typeof score === 'number') return score;
  if (score instanceof PyFloat) return score.value;
  return null;
}
