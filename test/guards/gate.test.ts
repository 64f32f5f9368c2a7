import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {ConditionResolutionError} from '../../src/errors.js';
import {evaluateGuards, mergeThenEffects, resolveConditions} from '../../src/guards/index.js';
import type {PyDict} from '../../src/python/values.js';

/** A guard entry; built from entries because a literal `then` key reads as a thenable to linters. */
const guard = (when: PyDict, effect: PyDict): PyDict =>
  Object.fromEntries([
    ['when', when],
    ['then', effect],
  ]);

describe('resolveConditions', () => {
  it('keeps declaration order and skips optional conditions without a value', () => {
    const policy = {conditions: {z: {type: 'boolean', default: true}, a: {type: 'boolean'}, b: {type: 'boolean'}}};
    expect(Object.entries(resolveConditions(policy, {b: false}))).toEqual([
      ['z', true],
      ['b', false],
    ]);
  });

  it('lets a default beat required', () => {
    const policy = {conditions: {a: {type: 'boolean', required: true, default: false}}};
    expect(resolveConditions(policy, {})).toEqual({a: false});
  });

  it('names the boolean context keys when a required condition is missing', () => {
    const policy = {conditions: {a: {type: 'boolean', required: true}}};
    const resolve = () => resolveConditions(policy, {z: true, q: false, x: 1, p: true});
    expect(resolve).toThrow(ConditionResolutionError);
    expect(resolve).toThrow("Required condition 'a' not found in context (available boolean keys: ['z', 'q', 'p'])");
  });

  it('refuses a context value that is not a bool, whatever the default', () => {
    const policy = {conditions: {x: {type: 'boolean', default: true}}};
    expect(() => resolveConditions(policy, {x: 1})).toThrow("Condition 'x' must be boolean, got int");
  });
});

describe('mergeThenEffects', () => {
  it('appends lists, merges mappings and replaces everything else', () => {
    const policy: PyDict = {roles: ['planner'], tools: {allowed_tools: [{name: 's', max_calls: 1}]}, version: '1'};
    mergeThenEffects(policy, {roles: ['admin'], tools: {allowed_tools: [{name: 's', max_calls: 99}]}, version: '2'});
    expect(policy).toEqual({
      roles: ['planner', 'admin'],
      tools: {
        allowed_tools: [
          {name: 's', max_calls: 1},
          {name: 's', max_calls: 99},
        ],
      },
      version: '2',
    });
  });
});

describe('evaluateGuards', () => {
  const policy: PyDict = {
    roles: ['planner'],
    conditions: {is_enterprise: {type: 'boolean', default: false}},
    guards: [
      guard({condition: ' is_enterprise '}, {roles: ['admin']}),
      guard({condition: 'role == planner'}, {roles: ['auditor']}),
    ],
  };

  it('records every guard with its condition as written and applies matches in order', () => {
    const outcome = evaluateGuards(policy, {is_enterprise: true}, {role: 'planner', context: {is_enterprise: true}});
    expect(outcome.guardsEvaluated).toEqual([
      {condition: ' is_enterprise ', matched: true},
      {condition: 'role == planner', matched: true},
    ]);
    expect(outcome.effectivePolicy.roles).toEqual(['planner', 'admin', 'auditor']);
    expect(outcome.conditionsResolved).toEqual({is_enterprise: true});
  });

  it('never mutates the policy it was given', () => {
    evaluateGuards(policy, {is_enterprise: true}, {role: 'planner', context: {is_enterprise: true}});
    expect(policy.roles).toEqual(['planner']);
  });

  it('merges nested effects, and effects on a key an earlier one added, leaving every level of the given policy as it was', () => {
    const nested: PyDict = {
      roles: ['planner'],
      pre_conditions: {required: ['a'], typed: {b: {type: 'string', enum: ['x']}}},
      tools: {allowed: [{name: 'search'}]},
      guards: [
        guard({condition: 'role == planner'}, {pre_conditions: {required: ['c'], typed: {b: {enum: ['y']}, d: {type: 'integer'}}}}),
        guard({condition: 'role == planner'}, {post_conditions: {required: ['p']}, tools: {allowed: [{name: 'fetch'}]}}),
        guard({condition: 'role == planner'}, {post_conditions: {required: ['q']}}),
      ],
    };
    const before = JSON.stringify(nested);
    const outcome = evaluateGuards(nested, {}, {role: 'planner', context: {}});
    expect(JSON.stringify(nested)).toBe(before);
    expect(outcome.effectivePolicy.pre_conditions).toEqual({required: ['a', 'c'], typed: {b: {type: 'string', enum: ['x', 'y']}, d: {type: 'integer'}}});
    expect(outcome.effectivePolicy.tools).toEqual({allowed: [{name: 'search'}, {name: 'fetch'}]});
    expect(outcome.effectivePolicy.post_conditions).toEqual({required: ['p', 'q']});
    expect(Object.keys(outcome.effectivePolicy)).toEqual(['roles', 'pre_conditions', 'tools', 'guards', 'post_conditions']);
    // A second run starts from the policy as given, not from the first run's merges.
    expect(evaluateGuards(nested, {}, {role: 'planner', context: {}}).effectivePolicy).toEqual(outcome.effectivePolicy);
  });

  it('reads a guard without a condition as the empty expression', () => {
    const noCondition = {guards: [guard({}, {})]};
    expect(() => evaluateGuards(noCondition, {}, {context: {}})).toThrow('Empty guard condition expression');
  });

  it('returns a shallow copy and still resolves conditions when there are no guards', () => {
    const plain: PyDict = {roles: ['planner'], conditions: {a: {type: 'boolean', required: true}}};
    expect(() => evaluateGuards(plain, {}, {context: {}})).toThrow(ConditionResolutionError);
    const outcome = evaluateGuards({roles: ['planner']}, {}, {context: {}});
    expect(outcome.guardsEvaluated).toEqual([]);
    expect(outcome.effectivePolicy).toEqual({roles: ['planner']});
  });
});

describe('resolveConditions with integer-like context keys', () => {
  it('lists the boolean context keys in the order the invocation gave them', () => {
    const policy = {conditions: {a: {type: 'boolean', required: true}}};
    const context = parseJson('{"z": true, "2": false, "q": 1, "10": true}') as PyDict;
    expect(() => resolveConditions(policy, context)).toThrow(
      "Required condition 'a' not found in context (available boolean keys: ['z', '2', '10'])",
    );
  });
});
