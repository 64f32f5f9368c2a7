// Custom gates: user code at four insertion points of the pipeline, given
// read-only views; a gate that throws becomes a failure, never a crash.

import {CustomGateViolationError} from '../errors.js';
import {getLogger} from '../logging.js';
import {pyRepr, pyStr} from '../python/repr.js';
import {isDict, type PyDict, type PyValue} from '../python/values.js';

export const INSERTION_POINTS = ['pre_authorization', 'post_authorization', 'pre_output', 'post_output'] as const;
export type InsertionPoint = (typeof INSERTION_POINTS)[number];
export const INSERTION_PRE_AUTHORIZATION = 'pre_authorization' satisfies InsertionPoint;
export const INSERTION_POST_AUTHORIZATION = 'post_authorization' satisfies InsertionPoint;
export const INSERTION_PRE_OUTPUT = 'pre_output' satisfies InsertionPoint;
export const INSERTION_POST_OUTPUT = 'post_output' satisfies InsertionPoint;

export interface GateResult {
  passed?: boolean;
  /** Failure entries `{code, message, field}`; a non-empty list fails the gate. */
  failures?: unknown[];
  metadata?: Record<string, unknown>;
}

export interface EnforcementGate {
  readonly name: string;
  readonly insertionPoint: InsertionPoint;
  evaluate(invocation: Readonly<PyDict>, policy: Readonly<PyDict>, context: Record<string, unknown>): GateResult;
}

const log = getLogger('gates');

const MUTATION = 'Custom gates receive read-only views; mutation of policy/invocation is not permitted';
const DELETION = 'Custom gates receive read-only views; deletion from policy/invocation is not permitted';

const views = new WeakMap<object, object>();

/** A deep read-only view: writes and deletes throw TypeErrors mentioning "read-only". */
export function readOnlyView<T extends PyValue>(value: T): T {
  if (value === null || typeof value !== 'object' || !(Array.isArray(value) || isDict(value))) return value;
  const cached = views.get(value);
  if (cached) return cached as T;
  const view = new Proxy(value, {
    get: (target, key, receiver) => readOnlyView(Reflect.get(target, key, receiver) as PyValue),
    set: () => {
      throw new TypeError(MUTATION);
    },
    defineProperty: () => {
      throw new TypeError(MUTATION);
    },
    deleteProperty: () => {
      throw new TypeError(DELETION);
    },
    setPrototypeOf: () => {
      throw new TypeError(MUTATION);
    },
  });
  views.set(value, view);
  return view as T;
}

/** `validate_gate` */
export function validateGate(gate: EnforcementGate): void {
  if (typeof gate?.name !== 'string' || gate.name.length === 0) {
    throw new TypeError(`Gate must have a non-empty string name, got: ${pyRepr((gate?.name ?? null) as PyValue)}`);
  }
  if (!(INSERTION_POINTS as readonly string[]).includes(gate.insertionPoint)) {
    throw new RangeError(
      `Gate '${gate.name}' has invalid insertion_point '${String(gate.insertionPoint)}'; must be one of ('pre_authorization', 'post_authorization', 'pre_output', 'post_output')`,
    );
  }
}

export type GroupedGates = Record<InsertionPoint, EnforcementGate[]>;

export function groupGates(gates: readonly EnforcementGate[]): GroupedGates {
  const grouped: GroupedGates = {pre_authorization: [], post_authorization: [], pre_output: [], post_output: []};
  for (const gate of gates) {
    validateGate(gate);
    grouped[gate.insertionPoint].push(gate);
  }
  return grouped;
}

function failureFromThrow(gate: EnforcementGate, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError && message.includes('read-only')) {
    return {code: 'CUSTOM_GATE_MUTATION', message: `Gate '${gate.name}' attempted to mutate read-only data: ${message}`, field: null};
  }
  if (error instanceof TypeError) {
    return {code: 'CUSTOM_GATE_ERROR', message: `Gate '${gate.name}' raised TypeError: ${message}`, field: null};
  }
  return {code: 'CUSTOM_GATE_ERROR', message: `Gate '${gate.name}' raised: ${message}`, field: null};
}

/**
 * The gate's result, or a failure when it returned something else: a gate
 * that answers nothing, or answers later (a Promise), must not pass. (The
 * reference crashes there without an artifact; we fail closed.)
 */
function gateResultOf(gate: EnforcementGate, returned: unknown): GateResult {
  if (returned !== null && typeof returned === 'object' && typeof (returned as {then?: unknown}).then === 'function') {
    // Its eventual rejection is nobody's to handle: keep it from crashing the process.
    (returned as Promise<unknown>).then(undefined, () => undefined);
    return invalidResult(gate, 'returned a Promise; evaluate() must return its GateResult synchronously');
  }
  if (returned === null || typeof returned !== 'object' || Array.isArray(returned)) {
    const what = returned === undefined ? 'nothing' : returned === null ? 'null' : Array.isArray(returned) ? 'an array' : `a ${typeof returned}`;
    return invalidResult(gate, `returned ${what} instead of a GateResult`);
  }
  return returned as GateResult;
}

function invalidResult(gate: EnforcementGate, what: string): GateResult {
  const message = `Gate '${gate.name}' ${what}`;
  log.error(message, {gate: gate.name});
  return {passed: false, failures: [{code: 'CUSTOM_GATE_ERROR', message, field: null}]};
}

/**
 * Runs the gates of one insertion point (all of them, in order), records
 * `custom:<name>` for each, merges their metadata, and throws a
 * CustomGateViolationError when any reported failures.
 */
export function runGatesAt(
  point: InsertionPoint,
  grouped: GroupedGates,
  invocation: PyDict,
  policy: PyDict,
  gatesEvaluated: string[],
  metadata: Record<string, unknown>,
): void {
  const gates = grouped[point];
  if (gates.length === 0) return;
  const invocationView = readOnlyView(invocation);
  const policyView = readOnlyView(policy);
  const context: Record<string, unknown> = {};
  const failures: unknown[] = [];
  for (const gate of gates) {
    let result: GateResult;
    try {
      result = gateResultOf(gate, gate.evaluate(invocationView, policyView, context));
    } catch (error) {
      log.error(`Custom gate '${gate.name}' raised: ${error instanceof Error ? error.message : String(error)}`, {gate: gate.name});
      result = {passed: false, failures: [failureFromThrow(gate, error)]};
    }
    gatesEvaluated.push(`custom:${gate.name}`);
    if (Array.isArray(result.failures) && result.failures.length > 0) failures.push(...result.failures);
    if (result.metadata && typeof result.metadata === 'object') Object.assign(metadata, result.metadata);
  }
  if (failures.length > 0) {
    const first = failures[0];
    const firstMessage = isDict(first) ? pyStr((first.message ?? 'unknown') as PyValue) : pyStr(first as PyValue);
    throw new CustomGateViolationError(`Custom gate failed at ${point}: ${firstMessage}`, {
      custom_gate_failures: failures as PyValue[],
      insertion_point: point,
    });
  }
}
