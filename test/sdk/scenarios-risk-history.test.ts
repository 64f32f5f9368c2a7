import {describe, expect, it} from 'vitest';
import type {RiskScore} from '../../src/gates/risk.js';
import {RiskHistory} from '../../src/sdk/risk-history.js';

function historyOf(scores: number[], stabilityBand?: number): RiskHistory {
  const history = new RiskHistory('workflow-7', stabilityBand === undefined ? {} : {stabilityBand});
  for (const score of scores) history.record(score);
  return history;
}

describe('RiskHistory trajectory', () => {
  // In binary floating point these differences come out a hair off 0.05 either way; rounded to
  // ten places, as the reference rounds them, they equal the band, and the band itself is stable.
  it.each([
    [0.5, 0.55],
    [0.1, 0.15],
    [0.3, 0.35],
    [0.7, 0.65],
    [0.45, 0.4],
  ])('calls a change from %d to %d, exactly the 0.05 band, stable', (first, last) => {
    expect(historyOf([first, last], 0.05).trajectory()).toBe('stable');
  });

  it.each([
    [0.5, 0.56, 'degrading'],
    [0.5, 0.44, 'improving'],
  ])('calls a change from %d to %d, just beyond the band, %s', (first, last, trajectory) => {
    expect(historyOf([first, last]).trajectory()).toBe(trajectory);
  });

  it('calls a change inside a wider band stable', () => {
    expect(historyOf([0.5, 0.57], 0.1).trajectory()).toBe('stable');
  });
});

describe('RiskHistory records', () => {
  it('has no scores and no latest score before the first record', () => {
    const history = new RiskHistory('workflow-7');
    expect(history.scores).toEqual([]);
    expect(history.latest).toBeNull();
  });

  it('records the score of a RiskScore', () => {
    const risk: RiskScore = {score: 0.6, threshold: 0.7, mode: 'strict', basis: [], exceeded: false};
    const history = new RiskHistory('workflow-7');
    history.record(risk);
    expect(history.scores).toEqual([0.6]);
  });

  it('keeps scores in the order they were recorded', () => {
    const history = historyOf([0.8, 0.5, 0.2]);
    expect(history.scores).toEqual([0.8, 0.5, 0.2]);
    expect(history.latest).toBe(0.2);
  });

  it('hands out its scores without letting them be changed', () => {
    const history = historyOf([0.4]);
    (history.scores as number[]).push(0.9);
    expect(history.scores).toEqual([0.4]);
  });
});

describe('RiskHistory arguments', () => {
  // Refused with the reference's words, Python type names included.
  it.each([
    [null, 'NoneType'],
    [true, 'bool'],
    ['0.1', 'str'],
  ])('refuses the stability band %j with a TypeError naming its type', (band, type) => {
    expect(() => new RiskHistory('workflow-7', {stabilityBand: band as unknown as number})).toThrow(
      expect.objectContaining({name: 'TypeError', message: `stability_band must be a float, got ${type}.`}),
    );
  });

  it.each([
    [123, 'int'],
    [null, 'NoneType'],
    [undefined, 'NoneType'],
  ])('refuses the entity id %j with a TypeError naming its type', (entityId, type) => {
    expect(() => new RiskHistory(entityId as unknown as string)).toThrow(
      expect.objectContaining({name: 'TypeError', message: `entity_id must be a str, got ${type}.`}),
    );
  });

  it.each([
    ['0.5', 'str'],
    [null, 'NoneType'],
  ])('refuses the score %j with a TypeError naming its type', (score, type) => {
    expect(() => new RiskHistory('workflow-7').record(score as unknown as number)).toThrow(
      expect.objectContaining({name: 'TypeError', message: `score must be a float or RiskScore, got ${type}.`}),
    );
  });
});
