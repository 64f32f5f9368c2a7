// RiskHistory: advisory record of an entity's risk scores and their trend.
// Never consulted by enforcement.

import {pyRound} from '../python/format.js';
import {floatRepr} from '../python/repr.js';
import {pyTypeName} from '../python/values.js';
import type {RiskScore} from '../gates/risk.js';

export const TRAJECTORY_IMPROVING = 'improving';
export const TRAJECTORY_STABLE = 'stable';
export const TRAJECTORY_DEGRADING = 'degrading';
export type Trajectory = typeof TRAJECTORY_IMPROVING | typeof TRAJECTORY_STABLE | typeof TRAJECTORY_DEGRADING;

export class RiskHistory {
  readonly entityId: string;
  readonly stabilityBand: number;
  readonly #scores: number[] = [];

  constructor(entityId: string, options: {stabilityBand?: number} = {}) {
    if (typeof entityId !== 'string') throw new TypeError(`entity_id must be a str, got ${pyTypeName(entityId)}.`);
    if (entityId.length === 0) throw new RangeError('entity_id must be a non-empty string.');
    const band: unknown = options.stabilityBand === undefined ? 0.05 : options.stabilityBand;
    if (typeof band !== 'number') throw new TypeError(`stability_band must be a float, got ${pyTypeName(band)}.`);
    if (!(band >= 0 && band <= 1)) throw new RangeError('stability_band must be in [0.0, 1.0].');
    this.entityId = entityId;
    this.stabilityBand = band;
  }

  /** Records a score (a number in [0, 1] or a RiskScore). */
  record(score: number | RiskScore): void {
    if (typeof score === 'boolean') throw new TypeError('score must be a float or RiskScore, got bool.');
    const value = typeof score === 'number' ? score : typeof score === 'object' && score !== null ? score.score : Number.NaN;
    if (typeof score !== 'number' && (typeof score !== 'object' || score === null)) {
      throw new TypeError(`score must be a float or RiskScore, got ${pyTypeName(score)}.`);
    }
    if (!(value >= 0 && value <= 1)) throw new RangeError(`score must be in [0.0, 1.0], got ${floatRepr(value)}.`);
    this.#scores.push(value);
  }

  /** Scores, oldest first. */
  get scores(): readonly number[] {
    return [...this.#scores];
  }

  get latest(): number | null {
    return this.#scores.length > 0 ? this.#scores[this.#scores.length - 1] : null;
  }

  /** Compares the latest score with the first: beyond the band either way, or stable. */
  trajectory(): Trajectory {
    const count = this.#scores.length;
    if (count < 2) {
      throw new RangeError(`RiskHistory for '${this.entityId}' has ${count} score(s); need >= 2 to compute trajectory.`);
    }
    const delta = pyRound(this.#scores[count - 1] - this.#scores[0], 10);
    if (delta < -this.stabilityBand) return TRAJECTORY_IMPROVING;
    if (delta > this.stabilityBand) return TRAJECTORY_DEGRADING;
    return TRAJECTORY_STABLE;
  }
}
