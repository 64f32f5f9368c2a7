// Coverage as the engine reports it: for each kind of policy element, the
// outcomes the cases reached are counted and the others are not; composed
// policies count for the file each element came from.
import {describe, expect, it} from 'vitest';
import {invocationOf, NOW, runCoverage} from './helpers.js';

const SUPPORT = `policy_version: "1"
roles: [agent, supervisor]
pre_conditions:
  required:
    ticket: {type: string, pattern: "^T-"}
    verified: {type: boolean}
tools:
  allowed_tools:
    - {name: search, max_calls: 1}
    - {name: fetch, max_calls: 2}
output_schema:
  type: object
  required: [answer]
post_conditions:
  required: [output_schema_valid]
`;

const OK = {context: {ticket: 'T-1', verified: true}, output: {answer: 'yes'}};

describe('role coverage', () => {
  it('counts a role a case was allowed as, and leaves a role no case used uncovered', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', OK), invocationOf('p.yaml', OK)]);
    expect(run.results).toEqual(['PASS', 'PASS']);
    expect(run.hits('p.yaml', '/roles/0')).toEqual({allowed: 2});
    expect(run.hits('p.yaml', '/roles/1')).toEqual({allowed: 0});
  });

  it('does not count a refused role for any listed one', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', {...OK, role: 'intern'})]);
    expect(run.results).toEqual(['FAIL']);
    expect(run.hits('p.yaml', '/roles/0')).toEqual({allowed: 0});
  });
});

describe('precondition coverage', () => {
  it('counts satisfied and violated separately, and none for a precondition after the one that failed', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', OK), invocationOf('p.yaml', {...OK, context: {ticket: 'X', verified: true}})]);
    expect(run.hits('p.yaml', '/pre_conditions/required/ticket')).toEqual({satisfied: 1, violated: 1});
    // Checked in sorted order: `verified` is not reached once `ticket` fails.
    expect(run.hits('p.yaml', '/pre_conditions/required/verified')).toEqual({satisfied: 1, violated: 0});
  });

  it('counts a missing precondition as violated', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', {...OK, context: {ticket: 'T-1'}})]);
    expect(run.hits('p.yaml', '/pre_conditions/required/verified')).toEqual({satisfied: 0, violated: 1});
  });

  it('covers the legacy list form item by item', () => {
    const policy = 'policy_version: "1"\nroles: [agent]\npre_conditions:\n  required: [consent, purpose]\n';
    const run = runCoverage({'p.yaml': policy}, [invocationOf('p.yaml', {context: {consent: true, purpose: 'x'}}), invocationOf('p.yaml', {context: {consent: false}})]);
    expect(run.hits('p.yaml', '/pre_conditions/required/0')).toEqual({satisfied: 1, violated: 1});
    expect(run.hits('p.yaml', '/pre_conditions/required/1')).toEqual({satisfied: 1, violated: 0});
  });
});

describe('tool coverage', () => {
  it('counts a tool allowed within its limit, its max_calls reached when a call beyond it is refused, and a tool never called not at all', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [
      invocationOf('p.yaml', {...OK, tool_calls: [{name: 'search'}]}),
      invocationOf('p.yaml', {...OK, tool_calls: [{name: 'search'}, {name: 'search'}]}),
    ]);
    expect(run.results).toEqual(['PASS', 'FAIL']);
    expect(run.hits('p.yaml', '/tools/allowed_tools/0')).toEqual({allowed: 1, max_calls_reached: 1});
    expect(run.hits('p.yaml', '/tools/allowed_tools/1')).toEqual({allowed: 0, max_calls_reached: 0});
  });

  it('counts max_calls reached only for the entry whose limit applied (the last one for the name)', () => {
    const policy = 'policy_version: "1"\nroles: [agent]\ntools:\n  allowed_tools:\n    - {name: search, max_calls: 1}\n    - {name: search, max_calls: 3}\n';
    const calls = (count: number) => invocationOf('p.yaml', {tool_calls: Array.from({length: count}, () => ({name: 'search'}))});
    const run = runCoverage({'p.yaml': policy}, [calls(2), calls(4)]);
    expect(run.results).toEqual(['PASS', 'FAIL']);
    expect(run.hits('p.yaml', '/tools/allowed_tools/0')).toEqual({allowed: 1, max_calls_reached: 0});
    expect(run.hits('p.yaml', '/tools/allowed_tools/1')).toEqual({allowed: 1, max_calls_reached: 1});
  });
});

const GUARDED = `policy_version: "1"
roles: [agent]
conditions:
  is_admin: {type: boolean, default: false}
  region_eu: {type: boolean, required: true}
guards:
  - when: {condition: is_admin}
    then:
      roles: [auditor]
      pre_conditions: {required: {audit_id: {type: string}}}
  - when: {condition: region_eu}
    then: {}
`;

describe('condition coverage', () => {
  it('counts true and false from the context, the default when the context is silent, and a required one missing', () => {
    const run = runCoverage({'g.yaml': GUARDED}, [
      invocationOf('g.yaml', {context: {is_admin: false, region_eu: true}}),
      invocationOf('g.yaml', {context: {region_eu: false}}),
      invocationOf('g.yaml', {context: {}}),
    ]);
    expect(run.results).toEqual(['PASS', 'PASS', 'FAIL']);
    expect(run.hits('g.yaml', '/conditions/is_admin')).toEqual({true: 0, false: 1, default: 2});
    expect(run.hits('g.yaml', '/conditions/region_eu')).toEqual({true: 1, false: 1, missing: 1});
  });
});

describe('guard coverage', () => {
  it('counts when true and false, and then applied; a guard with an empty then has no then outcome', () => {
    const run = runCoverage({'g.yaml': GUARDED}, [
      invocationOf('g.yaml', {context: {is_admin: true, region_eu: true, audit_id: 'a'}}),
      invocationOf('g.yaml', {context: {is_admin: false, region_eu: true}}),
    ]);
    expect(run.hits('g.yaml', '/guards/0')).toEqual({when_true: 1, when_false: 1, then_applied: 1});
    expect(run.hits('g.yaml', '/guards/1')).toEqual({when_true: 2, when_false: 0});
  });

  it("counts what a then block declares only in the decisions where it applied", () => {
    const run = runCoverage({'g.yaml': GUARDED}, [
      invocationOf('g.yaml', {role: 'auditor', context: {is_admin: true, region_eu: false, audit_id: 'a'}}),
      invocationOf('g.yaml', {role: 'auditor', context: {is_admin: true, region_eu: false}}),
      invocationOf('g.yaml', {role: 'auditor', context: {is_admin: false, region_eu: false}}),
    ]);
    expect(run.results).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(run.hits('g.yaml', '/guards/0/then/roles/0')).toEqual({allowed: 2});
    expect(run.hits('g.yaml', '/guards/0/then/pre_conditions/required/audit_id')).toEqual({satisfied: 1, violated: 1});
    expect(run.element('g.yaml', '/guards/0/then/roles/0').element.guard).toEqual(['guards', 0]);
  });
});

describe('output schema and postcondition coverage', () => {
  it('counts the output accepted and rejected, and each postcondition evaluated', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', OK), invocationOf('p.yaml', {...OK, output: {}})]);
    expect(run.hits('p.yaml', '/output_schema')).toEqual({accepted: 1, rejected: 1});
    // The rejected output stops the run before the postconditions.
    expect(run.hits('p.yaml', '/post_conditions/required/0')).toEqual({evaluated: 1});
  });

  it('leaves the output schema and postconditions uncovered when every case fails before them', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', {...OK, role: 'intern'})]);
    expect(run.hits('p.yaml', '/output_schema')).toEqual({accepted: 0, rejected: 0});
    expect(run.hits('p.yaml', '/post_conditions/required/0')).toEqual({evaluated: 0});
  });
});

const RISKY = `policy_version: "1"
roles: [agent]
risk:
  mode: strict
  threshold: 0.5
  factors:
    - {name: outside, weight: 0.8, condition: external_model}
    - {name: flagged, weight: 0.1, condition: flagged}
`;

describe('risk coverage', () => {
  it('counts each factor triggered and not, and the threshold exceeded and not', () => {
    const run = runCoverage({'r.yaml': RISKY}, [invocationOf('r.yaml'), invocationOf('r.yaml', {model_provider: 'openai'})]);
    expect(run.results).toEqual(['PASS', 'FAIL']);
    expect(run.hits('r.yaml', '/risk/factors/0')).toEqual({triggered: 1, not_triggered: 1});
    expect(run.hits('r.yaml', '/risk/factors/1')).toEqual({triggered: 0, not_triggered: 2});
    expect(run.hits('r.yaml', '/risk/threshold')).toEqual({exceeded: 1, not_exceeded: 1});
  });

  it('reports the default threshold at the risk block when the policy writes none', () => {
    const run = runCoverage({'r.yaml': 'policy_version: "1"\nroles: [agent]\nrisk:\n  mode: warn_only\n  factors: [{name: outside, weight: 0.8, condition: external_model}]\n'}, [
      invocationOf('r.yaml', {model_provider: 'openai'}),
    ]);
    expect(run.results).toEqual(['PASS']);
    expect(run.hits('r.yaml', '/risk')).toEqual({exceeded: 1, not_exceeded: 0});
    expect(run.element('r.yaml', '/risk').element.name).toBe('0.7 (default)');
  });
});

describe('date window coverage', () => {
  const DATED = 'policy_version: "1"\nroles: [agent]\neffective_date: "2026-01-01"\nexpiration_date: "2026-12-31"\n';
  const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`) / 1000;

  it('counts the window in force, not yet in force, and expired, by the day each case runs on', () => {
    const run = runCoverage({'d.yaml': DATED}, [
      invocationOf('d.yaml', {__now: day('2025-06-01')}),
      invocationOf('d.yaml', {__now: day('2026-06-01')}),
      invocationOf('d.yaml', {__now: day('2027-06-01')}),
    ]);
    expect(run.results).toEqual(['FAIL', 'PASS', 'FAIL']);
    expect(run.hits('d.yaml', '/effective_date')).toEqual({active: 1, not_yet_active: 1, expired: 1});
  });

  it('checks the dates once per calendar day: the run shares one policy cache', () => {
    const run = runCoverage({'d.yaml': DATED}, [invocationOf('d.yaml'), invocationOf('d.yaml')], {now: day('2026-06-01')});
    expect(run.hits('d.yaml', '/effective_date')).toEqual({active: 1, not_yet_active: 0, expired: 0});
    expect(run.hits('d.yaml', '/roles/0')).toEqual({allowed: 2});
  });

  it('has no expired outcome for a window without an end', () => {
    const run = runCoverage({'d.yaml': 'policy_version: "1"\nroles: [agent]\neffective_date: "2026-01-01"\n'}, [invocationOf('d.yaml')]);
    expect(run.hits('d.yaml', '/effective_date')).toEqual({active: 1, not_yet_active: 0});
  });
});

const BASE = `policy_version: "1"
roles: [agent, supervisor, auditor]
pre_conditions:
  required:
    ticket: {type: string}
guards:
  - when: {condition: "role == agent"}
    then: {}
risk:
  mode: strict
  threshold: 0.5
  factors: [{name: outside, weight: 0.8, condition: external_model}]
`;

describe('composition coverage', () => {
  it('counts an element a child keeps from its base for both files, and the base merged', () => {
    const child = 'extends: base.yaml\ncomposition_strategy: intersect\nroles: [agent, supervisor]\n';
    const run = runCoverage({'base.yaml': BASE, 'child.yaml': child}, [invocationOf('child.yaml', {context: {ticket: 't'}})]);
    expect(run.results).toEqual(['PASS']);
    expect(run.hits('child.yaml', '/extends')).toEqual({merged: 1});
    expect(run.hits('child.yaml', '/roles/0')).toEqual({allowed: 1});
    expect(run.hits('base.yaml', '/roles/0')).toEqual({allowed: 1});
    // Inherited from the base, counted there.
    expect(run.hits('base.yaml', '/pre_conditions/required/ticket')).toEqual({satisfied: 1, violated: 0});
    expect(run.hits('base.yaml', '/guards/0')).toEqual({when_true: 1, when_false: 0});
    expect(run.hits('base.yaml', '/risk/threshold')).toEqual({exceeded: 0, not_exceeded: 1});
  });

  it('counts nothing for a block a replace child redeclares, nor for a scalar a child overrides', () => {
    const child = `extends: base.yaml
composition_strategy: replace
roles: [agent]
pre_conditions:
  required:
    case_id: {type: string}
risk:
  mode: strict
  threshold: 0.9
  factors: [{name: outside, weight: 0.8, condition: external_model}]
`;
    const run = runCoverage({'base.yaml': BASE, 'child.yaml': child}, [invocationOf('child.yaml', {context: {case_id: 'c'}})]);
    expect(run.results).toEqual(['PASS']);
    expect(run.hits('child.yaml', '/pre_conditions/required/case_id')).toEqual({satisfied: 1, violated: 0});
    expect(run.hits('base.yaml', '/pre_conditions/required/ticket')).toEqual({satisfied: 0, violated: 0});
    expect(run.hits('base.yaml', '/roles/0')).toEqual({allowed: 0});
    expect(run.hits('child.yaml', '/risk/threshold')).toEqual({exceeded: 0, not_exceeded: 1});
    expect(run.hits('base.yaml', '/risk/threshold')).toEqual({exceeded: 0, not_exceeded: 0});
    // Replace keeps what the child does not write: the base's guard still runs.
    expect(run.hits('base.yaml', '/guards/0')).toEqual({when_true: 1, when_false: 0});
  });

  it("places a base's elements at their line and column in the base file", () => {
    const run = runCoverage({'base.yaml': BASE, 'child.yaml': 'extends: base.yaml\nroles: [agent]\n'}, [invocationOf('child.yaml', {context: {ticket: 't'}})]);
    const ticket = run.element('base.yaml', '/pre_conditions/required/ticket').element;
    expect(ticket.range?.start).toEqual({line: 5, column: 5});
    expect(run.element('base.yaml', '/roles/2').element.range?.start).toEqual({line: 2, column: 28});
    expect(run.element('child.yaml', '/extends').element.range?.start).toEqual({line: 1, column: 1});
  });

  it('reports a base and its child as separate files, and a base exercised only through a child', () => {
    const run = runCoverage({'base.yaml': BASE, 'child.yaml': 'extends: base.yaml\nroles: [agent]\n'}, [invocationOf('child.yaml', {context: {ticket: 't'}})]);
    expect(run.report.files.map((file) => file.file.split('/').pop())).toEqual(['base.yaml', 'child.yaml']);
    expect(run.report.totals.outcomes).toBe(run.report.files[0]!.totals.outcomes + run.report.files[1]!.totals.outcomes);
  });
});

describe('what coverage does not count', () => {
  it('reports no file for a policy no case enforced, and nothing for a case refused before its policy loads', () => {
    const run = runCoverage({'p.yaml': SUPPORT, 'unused.yaml': 'policy_version: "1"\nroles: [x]\n'}, [{policy_file: 'p.yaml'}]);
    expect(run.results).toEqual(['FAIL']);
    expect(run.report.files).toEqual([]);
    expect(run.report.totals.outcomes).toBe(0);
  });

  it('keeps counting across cases at the same clock', () => {
    const run = runCoverage({'p.yaml': SUPPORT}, [invocationOf('p.yaml', OK), invocationOf('p.yaml', OK), invocationOf('p.yaml', OK)], {now: NOW});
    expect(run.hits('p.yaml', '/roles/0')).toEqual({allowed: 3});
  });
});
