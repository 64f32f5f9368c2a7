// Byte-for-byte agreement with the Python reference on recorded corpora:
// the spec's verified table and error examples plus generated expressions,
// condition declarations, `then` merges and whole guard gates.

import {describe, expect, it} from 'vitest';
import {
  compileGuardExpression,
  evaluateGuardAst,
  evaluateGuards,
  mergeThenEffects,
  resolveConditions,
} from '../../src/guards/index.js';
import {coerceLiteral} from '../../src/guards/literals.js';
import {parsePyFloat} from '../../src/guards/numbers.js';
import {pyRepr} from '../../src/python/repr.js';
import {deepCopy, type PyDict, pyFloat} from '../../src/python/values.js';
import {expectedOutcome, outcomeOf, pyJson, readCorpus} from './corpus.js';

describe('guard expressions agree with the reference', () => {
  const corpus = readCorpus<{env: string; expression: string}>('expressions.json');
  const environments = corpus.environments as Record<string, string>;
  const envs = new Map(
    Object.entries(environments).map(([name, text]) => {
      const env = pyJson(text);
      const invocation = env.invocation as PyDict;
      return [
        name,
        {
          role: Object.hasOwn(invocation, 'role') ? invocation.role : undefined,
          conditions: env.conditions as PyDict,
          context: invocation.context as PyDict,
        },
      ];
    }),
  );

  it('covers thousands of expressions in three environments', () => {
    expect(corpus.cases.length).toBeGreaterThan(5000);
    expect(envs.size).toBe(3);
  });

  it.each(corpus.cases.map((c, index) => [index, c.env, c.expression, c] as const))(
    'case %i [%s] %j',
    (_index, envName, expression, recorded) => {
      const env = envs.get(envName)!;
      const actual = outcomeOf(() => evaluateGuardAst(compileGuardExpression(expression), env) as boolean);
      expect(actual).toEqual(expectedOutcome(recorded));
    },
  );
});

describe('condition resolution agrees with the reference', () => {
  const corpus = readCorpus<{policy: string; context: string}>('conditions.json');

  it.each(corpus.cases.map((c, index) => [index, c] as const))('case %i', (_index, recorded) => {
    const actual = outcomeOf(() => resolveConditions(pyJson(recorded.policy), pyJson(recorded.context)));
    expect(actual).toEqual(expectedOutcome(recorded));
  });
});

describe('the additive then-merge agrees with the reference', () => {
  const corpus = readCorpus<{base: string; effect: string}>('then-merge.json');

  it.each(corpus.cases.map((c, index) => [index, c] as const))('case %i', (_index, recorded) => {
    const effect = pyJson(recorded.effect);
    const untouched = pyRepr(effect);
    const actual = outcomeOf(() => mergeThenEffects(pyJson(recorded.base), effect));
    expect(actual).toEqual(expectedOutcome(recorded));
    expect(pyRepr(effect)).toBe(untouched);
  });
});

describe('the guard gate agrees with the reference', () => {
  const corpus = readCorpus<{policy: string; invocation: string}>('guard-gate.json');

  it.each(corpus.cases.map((c, index) => [index, c] as const))('case %i', (_index, recorded) => {
    const policy = pyJson(recorded.policy);
    const original = deepCopy(policy);
    const invocation = pyJson(recorded.invocation);
    const actual = outcomeOf(() => {
      const outcome = evaluateGuards(policy, invocation.context as PyDict, invocation);
      const evaluated = outcome.guardsEvaluated.map((entry) => ({...entry}));
      return `(${pyRepr(outcome.effectivePolicy)}, ${pyRepr(evaluated)}, ${pyRepr(outcome.conditionsResolved)})`;
    });
    expect(actual).toEqual(expectedOutcome(recorded));
    expect(pyRepr(policy)).toBe(pyRepr(original));
  });
});

describe('literal coercion and float() agree with the reference', () => {
  const corpus = readCorpus<{text: string; coerced: string; float: string}>('literals.json');

  it.each(corpus.cases.map((c, index) => [index, c.text, c] as const))('case %i %j', (_index, text, recorded) => {
    expect(pyRepr(coerceLiteral(text))).toBe(recorded.coerced);
    const asFloat = parsePyFloat(text);
    expect(asFloat === null ? "'ValueError'" : pyRepr(pyFloat(asFloat))).toBe(recorded.float);
  });
});
