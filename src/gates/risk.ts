// Risk scoring: weighted factors summed in order (IEEE doubles, clamped to
// [0, 1]), compared with the threshold by strict greater-than.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {PolicyValidationError, RiskThresholdError} from '../errors.js';
import {formatFixed} from '../python/format.js';
import {pyRepr} from '../python/repr.js';
import {pyTruthy} from '../python/semantics.js';
import {dictGet, dictGetOr, isDict, isList, isNumber, type PyDict, type PyValue, pyFloat, pyTypeName, toDouble} from '../python/values.js';

export const RISK_MODES = ['strict', 'risk_scored', 'warn_only'] as const;
export type RiskMode = (typeof RISK_MODES)[number];
export const RISK_MODE_STRICT = 'strict' satisfies RiskMode;
export const RISK_MODE_RISK_SCORED = 'risk_scored' satisfies RiskMode;
export const RISK_MODE_WARN_ONLY = 'warn_only' satisfies RiskMode;
export const DEFAULT_RISK_THRESHOLD = 0.7;

export interface RiskBasisEntry {
  name: PyValue;
  weight: number;
  triggered: boolean;
  contribution: number;
}

export interface RiskScore {
  score: number;
  threshold: number;
  mode: RiskMode;
  basis: RiskBasisEntry[];
  exceeded: boolean;
}

const RISK_CONFIG = {reason: 'invalid-risk-config'} as const;

/** Python `float(x)` for risk config values (numbers, bools and numeric strings). */
function toFloat(value: PyValue | undefined, what: string): number {
  if (typeof value === 'boolean' || isNumber(value)) return toDouble(value);
  if (typeof value === 'string' && /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  throw new PolicyValidationError(`Invalid risk ${what}: ${pyRepr(value ?? null)}`, {[what]: value ?? null}, RISK_CONFIG);
}

function evaluateFactorCondition(condition: PyValue, invocation: PyDict, policy: PyDict): boolean {
  switch (condition) {
    case 'no_output_schema':
      return !Object.hasOwn(policy, 'output_schema');
    case 'broad_roles':
      return lengthOf(dictGetOr(policy, 'roles', [])) > 3;
    case 'no_preconditions':
      return !pyTruthy(attributeGet(dictGetOr(policy, 'pre_conditions', {}), 'required', null));
    case 'high_tool_count':
      return lengthOf(attributeGet(dictGetOr(policy, 'tools', {}), 'allowed_tools', [])) > 5;
    case 'missing_guards':
      return !pyTruthy(dictGet(policy, 'guards'));
    case 'external_model':
      return (dictGet(invocation, 'model_provider') ?? '') !== 'internal';
    default: {
      const context = dictGet(invocation, 'context') ?? {};
      return isDict(context) && typeof condition === 'string' && pyTruthy(dictGet(context, condition));
    }
  }
}

function lengthOf(value: PyValue): number {
  if (typeof value === 'string') return [...value].length;
  if (isList(value)) return value.length;
  if (isDict(value)) return Object.keys(value).length;
  throw new TypeError(`object of type '${pyTypeName(value)}' has no len()`);
}

/** Python `value.get(key, default)` on what a guard may have made of a policy block. */
function attributeGet(value: PyValue, key: string, fallback: PyValue): PyValue {
  if (!isDict(value)) throw new TypeError(`'${pyTypeName(value)}' object has no attribute 'get'`);
  return dictGetOr(value, key, fallback);
}

/** `compute_risk_score(invocation, policy, risk_config=config)`; `observer` is told each factor and the threshold. */
export function computeRiskScore(invocation: PyDict, policy: PyDict, config: PyDict, observer: EnforcementObserver | null = null): RiskScore {
  const mode = dictGet(config, 'mode') ?? 'strict';
  if (typeof mode !== 'string' || !(RISK_MODES as readonly string[]).includes(mode)) {
    throw new PolicyValidationError(
      `Invalid risk mode: ${pyRepr(mode)}; expected one of ('strict', 'risk_scored', 'warn_only')`,
      {invalid_mode: mode, valid_modes: [...RISK_MODES]},
      RISK_CONFIG,
    );
  }
  const threshold = toFloat(dictGet(config, 'threshold') ?? DEFAULT_RISK_THRESHOLD, 'threshold');
  const factors = dictGet(config, 'factors') ?? [];
  if (!isList(factors)) throw new PolicyValidationError('Invalid risk factors: expected a list', {factors}, RISK_CONFIG);
  const basis: RiskBasisEntry[] = [];
  let total = 0.0;
  for (let index = 0; index < factors.length; index++) {
    const factor = factors[index];
    if (!isDict(factor)) throw new PolicyValidationError('Invalid risk factor: expected a mapping', {factor}, RISK_CONFIG);
    const weight = toFloat(dictGet(factor, 'weight') ?? 0, 'weight');
    const triggered = evaluateFactorCondition(dictGet(factor, 'condition') ?? '', invocation, policy);
    observer?.riskFactor(index, triggered);
    const contribution = triggered ? weight : 0.0;
    basis.push({name: dictGet(factor, 'name') ?? 'unknown', weight, triggered, contribution});
    total += contribution;
  }
  const score = Math.max(0.0, Math.min(1.0, total));
  observer?.riskThreshold(score > threshold);
  return {score, threshold, mode: mode as RiskMode, basis, exceeded: score > threshold};
}

/** `RiskScore.to_dict()` with Python floats kept as floats. */
export function riskScoreDict(risk: RiskScore): PyDict {
  return {
    score: pyFloat(risk.score),
    threshold: pyFloat(risk.threshold),
    mode: risk.mode,
    basis: risk.basis.map((entry) => ({
      name: entry.name,
      weight: pyFloat(entry.weight),
      triggered: entry.triggered,
      contribution: pyFloat(entry.contribution),
    })),
    exceeded: risk.exceeded,
  };
}

/** Raises in strict mode when the threshold is exceeded; returns whether a warning is due. */
export function enforceRiskThreshold(risk: RiskScore): 'warn' | null {
  if (!risk.exceeded) return null;
  if (risk.mode === 'strict') {
    throw new RiskThresholdError(
      `Risk score ${formatFixed(risk.score, 3)} exceeds threshold ${formatFixed(risk.threshold, 3)} in strict mode`,
      riskScoreDict(risk),
    );
  }
  return risk.mode === 'warn_only' ? 'warn' : null;
}
