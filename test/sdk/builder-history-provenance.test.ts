import {describe, expect, it} from 'vitest';
import {InvocationValidationError} from '../../src/errors.js';
import {ProvenanceGate} from '../../src/gates/provenance.js';
import {InvocationBuilder} from '../../src/sdk/builder.js';
import {RiskHistory} from '../../src/sdk/risk-history.js';

describe('InvocationBuilder', () => {
  it('builds a validated invocation fluently', () => {
    const invocation = new InvocationBuilder()
      .policy('policies/support-assistant.yaml')
      .model('anthropic', 'claude-sonnet')
      .role('agent')
      .input({question: 'hi'})
      .output({answer: 'hello'})
      .context({customer_verified: true})
      .tools([{name: 'kb_search'}])
      .build();
    expect(invocation).toMatchObject({model_provider: 'anthropic', tool_calls: [{name: 'kb_search'}]});
  });

  it('refuses to build an incomplete invocation', () => {
    expect(() => new InvocationBuilder().policy('p.yaml').build()).toThrow(InvocationValidationError);
  });
});

describe('RiskHistory', () => {
  it('tells the trend from the first and last scores, the band being stable', () => {
    const history = new RiskHistory('agent-7');
    history.record(0.1);
    history.record(0.9);
    history.record(0.15);
    expect(history.trajectory()).toBe('stable');
    history.record(0.4);
    expect(history.trajectory()).toBe('degrading');
    expect(history.latest).toBe(0.4);
    const improving = new RiskHistory('agent-8', {stabilityBand: 0.1});
    improving.record(0.9);
    improving.record(0.2);
    expect(improving.trajectory()).toBe('improving');
  });

  it('needs two scores for a trend and refuses scores outside [0, 1]', () => {
    const history = new RiskHistory('a');
    expect(() => history.trajectory()).toThrow("RiskHistory for 'a' has 0 score(s); need >= 2 to compute trajectory.");
    expect(() => history.record(1.5)).toThrow('score must be in [0.0, 1.0], got 1.5.');
    expect(() => history.record(true as unknown as number)).toThrow('score must be a float or RiskScore, got bool.');
    expect(() => new RiskHistory('')).toThrow('entity_id must be a non-empty string.');
    expect(() => new RiskHistory('a', {stabilityBand: 2})).toThrow('stability_band must be in [0.0, 1.0].');
  });
});

describe('ProvenanceGate', () => {
  const gate = new ProvenanceGate();
  const run = (context: Record<string, unknown>) => gate.evaluate({context} as never);

  it('requires provenance with non-empty source ids', () => {
    expect(run({}).failures?.[0]).toMatchObject({code: 'PROVENANCE_MISSING', field: 'context.provenance'});
    expect(run({provenance: {source_ids: []}}).failures?.[0]).toMatchObject({code: 'SOURCE_IDS_MISSING'});
    expect(run({provenance: {source_ids: ['doc', '']}}).failures?.[0]?.toString()).toBeDefined();
    expect(run({provenance: {source_ids: ['doc-1']}}).failures).toBeUndefined();
  });

  it('passes everything when source ids are not required', () => {
    expect(new ProvenanceGate({requireSourceIds: false}).evaluate({} as never).passed).toBe(true);
  });

  it('sits before output validation as custom:provenance_gate', () => {
    expect([gate.name, gate.insertionPoint]).toEqual(['provenance_gate', 'pre_output']);
  });
});
