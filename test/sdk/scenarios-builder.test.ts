import {describe, expect, it} from 'vitest';
import {InvocationValidationError} from '../../src/errors.js';
import {enforceInvocation} from '../../src/pipeline/enforce.js';
import {InvocationBuilder} from '../../src/sdk/builder.js';
import {PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});

const completeBuilder = () =>
  new InvocationBuilder()
    .policy('policy.yaml')
    .model('anthropic', 'claude-sonnet')
    .role('planner')
    .input({task: 'analyse'})
    .output({result: 'ok', confidence: 0.9})
    .context({role_declared: true});

describe('InvocationBuilder', () => {
  it('builds an invocation unified enforcement passes', () => {
    expect(enforceInvocation(completeBuilder().build(), {cwd: dir, now: () => 1700000000}).enforcement_result).toBe('PASS');
  });

  it('returns itself from every setter, so calls chain', () => {
    const builder = new InvocationBuilder();
    for (const set of [
      () => builder.policy('policy.yaml'),
      () => builder.model('anthropic', 'claude-sonnet'),
      () => builder.role('planner'),
      () => builder.input({}),
      () => builder.output({}),
      () => builder.context({}),
      () => builder.tools([]),
    ]) {
      expect(set()).toBe(builder);
    }
  });

  it('returns a new, equal invocation from each build(), untouched by later changes to the builder', () => {
    const builder = completeBuilder();
    const first = builder.build();
    const second = builder.build();
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    second.role = 'verifier';
    builder.model('openai', 'gpt-4o');
    expect(first).toMatchObject({role: 'planner', model_provider: 'anthropic', model_identifier: 'claude-sonnet'});
  });

  it('names every missing required field when built too early', () => {
    let failure: unknown;
    try {
      new InvocationBuilder().policy('policy.yaml').role('planner').build();
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(InvocationValidationError);
    expect(failure).toMatchObject({
      message: 'Invocation is missing required fields',
      details: {missing_fields: ['model_provider', 'model_identifier', 'input', 'context']},
    });
  });
});
