// What an enforcement observer is told: each policy element the engine
// evaluates, with its outcome, as it happens (policy loading, composition,
// dates, conditions, guards and every gate). Coverage is one such observer.
// Absent by default: every hook is one `observer?.` check, nothing is built
// for it, and the engine's results never depend on it.

import type {CompositionStrategy} from './policy/compose.js';
import type {PyDict, PyValue} from './python/values.js';

/** How a named condition resolved: from the context (true or false), from its default, or missing while required. */
export type ConditionOutcome = 'true' | 'false' | 'default' | 'missing';

/** Where the day of enforcement falls in a policy's activity window. */
export type DateWindowOutcome = 'active' | 'not_yet_active' | 'expired';

/** Whether a tool call was within the policy's limits, or refused by its `max_calls`. */
export type ToolOutcome = 'allowed' | 'max_calls_reached';

/**
 * Told what the engine evaluates. Elements are named as the engine holds
 * them: paths are resolved policy paths, names as written in the policy
 * (`originalKey` for mapping keys), indexes into the lists of the policy
 * being enforced (as loaded and composed, before guards apply).
 *
 * Gate hooks follow `enforcing` and belong to that policy until the next
 * `enforcing`; they are told in unified enforcement (`decide`,
 * `enforceInvocation`), loading hooks in every mode. A hook must not throw
 * nor change what it is given.
 */
export interface EnforcementObserver {
  /** A policy file (the one named, or a base it extends) was read as a mapping. */
  policyRead(resolvedPath: string): void;
  /** `basePath` was merged into `childPath` with `strategy` (null: the default) and passed the restriction checks. */
  baseMerged(childPath: string, basePath: string, strategy: CompositionStrategy | null): void;
  /** The policy at `resolvedPath` (composed with its bases) had its dates checked. */
  dateWindow(resolvedPath: string, outcome: DateWindowOutcome): void;
  /** The policy at `resolvedPath` loaded, composed and validated as `policy`. */
  policyLoaded(resolvedPath: string, policy: PyDict): void;
  /** One decision's gates start under `policy` (the object `policyLoaded` gave, possibly from a cache). */
  enforcing(policy: PyDict): void;
  /** A named condition of `conditions` resolved. */
  condition(name: PyValue, outcome: ConditionOutcome): void;
  /** The guard at `index` of `guards` was evaluated. */
  guardEvaluated(index: number, matched: boolean): void;
  /** The `then` block of the guard at `index` was merged into the effective policy. */
  guardApplied(index: number): void;
  /** The role gate allowed `role`. */
  roleAllowed(role: string): void;
  /** A precondition (a key of a typed `required` mapping, or an item of the legacy list) was checked. */
  precondition(name: PyValue, satisfied: boolean): void;
  /** A called tool was checked against its `allowed_tools` entry (the last one for its name, whose `max_calls` is given). */
  tool(name: PyValue, outcome: ToolOutcome, maxCalls: PyValue): void;
  /** The output was validated against `output_schema`. */
  outputSchema(accepted: boolean): void;
  /** A required postcondition was evaluated (satisfied or refused). */
  postcondition(name: PyValue): void;
  /** The risk factor at `index` of the policy's `risk.factors` was evaluated. */
  riskFactor(index: number, triggered: boolean): void;
  /** The risk score was compared with the policy's threshold. */
  riskThreshold(exceeded: boolean): void;
}

/** An observer told nothing it acts on: extend it to act on a few hooks only. */
export class IgnoringObserver implements EnforcementObserver {
  policyRead(_resolvedPath: string): void {}
  baseMerged(_childPath: string, _basePath: string, _strategy: CompositionStrategy | null): void {}
  dateWindow(_resolvedPath: string, _outcome: DateWindowOutcome): void {}
  policyLoaded(_resolvedPath: string, _policy: PyDict): void {}
  enforcing(_policy: PyDict): void {}
  condition(_name: PyValue, _outcome: ConditionOutcome): void {}
  guardEvaluated(_index: number, _matched: boolean): void {}
  guardApplied(_index: number): void {}
  roleAllowed(_role: string): void {}
  precondition(_name: PyValue, _satisfied: boolean): void {}
  tool(_name: PyValue, _outcome: ToolOutcome, _maxCalls: PyValue): void {}
  outputSchema(_accepted: boolean): void {}
  postcondition(_name: PyValue): void {}
  riskFactor(_index: number, _triggered: boolean): void {}
  riskThreshold(_exceeded: boolean): void {}
}
