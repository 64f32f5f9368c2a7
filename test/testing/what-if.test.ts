// What-if replay compares like with like: `--policy OLD=NEW` replays the
// records of OLD only, the others against their own policy, and counts the
// changed decisions by direction, gate, role and policy; audit trails are
// replayed as far as what an artifact keeps allows.
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {decidePreCall} from '../../src/pipeline/split.js';
import {PolicyCache} from '../../src/policy/cache.js';
import type {PyDict} from '../../src/python/values.js';
import {mappingWarnings, summarizeDecisionChanges} from '../../src/testing/replay/changes.js';
import {loadFixtureFile, type ReplayFixture} from '../../src/testing/replay/fixtures.js';
import {parsePolicyMappings, PolicyMappingError, PolicySubstitution} from '../../src/testing/replay/policy-map.js';
import {type ReplayOptions, replayFixture} from '../../src/testing/replay/replay.js';
import {pairTrailWithRecords, refusedTrailMessage, refusedTrails} from '../../src/testing/replay/trail.js';
import {fixedClock} from '../../src/testing/clock.js';
import {REPO_ROOT, temporaryFolder} from './helpers.js';
import {countOf, invocations, type Kind, NOTES, RECORDED_AT, SUPPORT, SUPPORT_V2, TOOLS, WHAT_IF, writeRun} from './what-if-stream.js';

let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => {
  folder?.remove();
  folder = undefined;
});

function load(file: string): ReplayFixture[] {
  const loaded = loadFixtureFile(file, {cwd: REPO_ROOT});
  if (!Array.isArray(loaded)) throw new Error(loaded.reason);
  return loaded;
}

function whatIf(fixtures: readonly ReplayFixture[], values: string[], cwd = REPO_ROOT) {
  const mappings = parsePolicyMappings(values, cwd);
  const options: ReplayOptions = {cwd, cache: new PolicyCache(), policyMap: new PolicySubstitution(mappings, cwd), trace: false};
  const results = fixtures.map((fixture) => replayFixture(fixture, options));
  return {results, summary: summarizeDecisionChanges(results, mappings), mappings};
}

const support = (kind: Kind) => kind.policy === SUPPORT;
const underV2 = (change: string | null) => (kind: Kind) => kind.underV2 === change;

describe('--policy OLD=NEW over a recorded stream of several policies', () => {
  it('counts exactly the decisions the change flips, by direction, gate, role and policy', () => {
    folder = temporaryFolder();
    const {summary} = whatIf(load(writeRun(folder.path).records), [`${SUPPORT}=${SUPPORT_V2}`]);
    expect(summary.mappings.map((use) => use.applied)).toEqual([countOf(support)]);
    expect(summary.compared).toBe(countOf(() => true));
    expect(summary.counts).toEqual({
      pass_to_fail: countOf(underV2('pass_to_fail')),
      fail_to_pass: countOf(underV2('fail_to_pass')),
      gate_changed: countOf(underV2('gate_changed')),
      reason_changed: countOf(underV2('reason_changed')),
    });
    expect([summary.counts.pass_to_fail, summary.counts.fail_to_pass, summary.counts.gate_changed, summary.counts.reason_changed]).toEqual([7, 5, 3, 2]);
    expect(summary.flipped).toBe(15);
    expect(summary.unchanged).toBe(countOf(underV2(null)));
    expect(summary.byGate).toEqual([
      {change: 'pass_to_fail', from: null, to: 'role_validation', count: 7},
      {change: 'fail_to_pass', from: 'precondition_validation', to: null, count: 5},
      {change: 'gate_changed', from: 'precondition_validation', to: 'role_validation', count: 3},
      {change: 'reason_changed', from: 'precondition_validation', to: 'precondition_validation', count: 2},
    ]);
    expect(summary.byRole.map(({role, changed, counts}) => [role, changed, counts])).toEqual([
      ['intern', 10, {pass_to_fail: 7, fail_to_pass: 0, gate_changed: 3, reason_changed: 0}],
      ['agent', 7, {pass_to_fail: 0, fail_to_pass: 5, gate_changed: 0, reason_changed: 2}],
    ]);
    expect(summary.byPolicy.map(({policy, replacedBy, records, compared, changed}) => [policy, replacedBy, records, compared, changed])).toEqual([
      [SUPPORT, SUPPORT_V2, 37, 37, 17],
      [NOTES, null, 10, 10, 0],
      [TOOLS, null, 6, 6, 0],
    ]);
  });

  it('replays the records of every other policy unchanged, against their own policy, and compares their decisions', () => {
    folder = temporaryFolder();
    const {results} = whatIf(load(writeRun(folder.path).records), [`${SUPPORT}=${SUPPORT_V2}`]);
    const others = results.filter((result) => (result.fixture.invocation as PyDict).policy_file !== SUPPORT);
    expect(others).toHaveLength(countOf((kind) => !support(kind)));
    for (const result of others) {
      expect(result.mapping).toBeUndefined();
      expect(result).toMatchObject({status: 'passed', change: null});
      expect(result.actual?.policy_file).toBe((result.fixture.invocation as PyDict).policy_file);
    }
    const tooMany = others.find((result) => result.verdict?.gate === 'tool_validation');
    expect(tooMany?.verdict).toEqual({result: 'FAIL', gate: 'tool_validation', reason: "Tool 'lookup' called 2 times, max is 1"});
  });

  it('marks a flip as failed and a changed reason alone as changed, with the fields that differ', () => {
    folder = temporaryFolder();
    const {results} = whatIf(load(writeRun(folder.path).records), [`${SUPPORT}=${SUPPORT_V2}`]);
    const kinds = invocations().map((item) => item.kind.kind);
    const statusOf = (kind: string) => [...new Set(results.filter((_, index) => kinds[index] === kind).map((result) => result.status))];
    expect(statusOf('intern answers')).toEqual(['failed']);
    expect(statusOf('agent, customer not verified')).toEqual(['failed']);
    expect(statusOf('agent, ticket TCK-42')).toEqual(['changed']);
    expect(statusOf('agent answers')).toEqual(['passed']);
    const interned = results.find((result) => result.change === 'gate_changed');
    expect(interned?.diffs).toEqual([
      {pointer: '/failure_gate', expected: 'precondition_validation', actual: 'role_validation'},
      {pointer: '/failure_reason', expected: 'Missing required precondition: customer_verified', actual: "Unauthorized role 'intern'"},
    ]);
  });

  it('takes --policy NEW for a policy edited in place, matching the records however they spell its path', () => {
    folder = temporaryFolder();
    mkdirSync(join(folder.path, 'policies'));
    const edited = join(folder.path, 'policies', 'support.yaml');
    copyFileSync(join(REPO_ROOT, SUPPORT), edited);
    // Paths as a project of its own writes them, resolved against its folder: two spellings of the edited policy.
    const stream = invocations().map(({invocation}, index) => {
      if (invocation.policy_file !== SUPPORT) return {...invocation, policy_file: join(REPO_ROOT, invocation.policy_file as string)};
      return {...invocation, policy_file: index % 2 === 0 ? 'policies/support.yaml' : './policies/../policies/support.yaml'};
    });
    const files = writeRun(folder.path, stream, folder.path);
    copyFileSync(join(REPO_ROOT, SUPPORT_V2), edited);
    const {summary} = whatIf(load(files.records), ['policies/support.yaml'], folder.path);
    expect(summary.mappings[0].applied).toBe(countOf(support));
    expect(summary.counts).toEqual({pass_to_fail: 7, fail_to_pass: 5, gate_changed: 3, reason_changed: 2});
  });

  it('replays records of several policies against their replacements when OLD=NEW is repeated', () => {
    folder = temporaryFolder();
    const strictNotes = join(folder.path, 'notes-strict.yaml');
    writeFileSync(strictNotes, `${readFileSync(join(REPO_ROOT, NOTES), 'utf8').replace('roles: [writer, reviewer]', 'roles: [writer]')}`);
    const {summary} = whatIf(load(writeRun(folder.path).records), [`${SUPPORT}=${SUPPORT_V2}`, `${NOTES}=${strictNotes}`]);
    expect(summary.mappings.map((use) => [use.mapping.from, use.applied])).toEqual([
      [SUPPORT, 37],
      [NOTES, 10],
    ]);
    // Reviewers failed at their precondition; now their role is refused first.
    const notes = summary.byPolicy.find((policy) => policy.policy === NOTES);
    expect(notes).toMatchObject({replacedBy: strictNotes, changed: 4, counts: {gate_changed: 4}});
    expect(summary.byRole.find((role) => role.role === 'reviewer')).toMatchObject({changed: 4});
  });

  it('counts a mapping that applies to no record as zero, and warns naming the policies the records do name', () => {
    folder = temporaryFolder();
    const {summary} = whatIf(load(writeRun(folder.path).records), [`${WHAT_IF}/suport.yaml=${SUPPORT_V2}`]);
    expect(summary.mappings[0].applied).toBe(0);
    expect(summary.changed).toEqual([]);
    expect(mappingWarnings(summary)).toEqual([
      `--policy ${WHAT_IF}/suport.yaml=${SUPPORT_V2} applied to no record: none names ${WHAT_IF}/suport.yaml (resolved as ${join(REPO_ROOT, WHAT_IF, 'suport.yaml')}); ` +
        `the records name ${SUPPORT} (37), ${NOTES} (10), ${TOOLS} (6)`,
    ]);
  });

  it('refuses a policy mapped twice, a mapping with an empty side, and a NEW it cannot read', () => {
    const error = (values: string[]) => {
      try {
        parsePolicyMappings(values, REPO_ROOT);
      } catch (caught) {
        return caught instanceof PolicyMappingError ? {code: caught.code, message: caught.message, file: caught.file} : caught;
      }
      return undefined;
    };
    expect(error([`${SUPPORT}=${SUPPORT_V2}`, `./${SUPPORT}=${NOTES}`])).toMatchObject({code: 'USAGE', message: `--policy: ./${SUPPORT} is mapped twice, to ${SUPPORT_V2} and to ${NOTES}`});
    expect(error([`${SUPPORT}=`])).toMatchObject({code: 'USAGE', message: `--policy '${SUPPORT}=': give NEW, or OLD=NEW with both paths`});
    expect(error([`${SUPPORT}=nowhere.yaml`])).toEqual({code: 'UNREADABLE', message: '--policy: cannot read the policy (ENOENT)', file: 'nowhere.yaml'});
    expect(error([`${SUPPORT}=${SUPPORT_V2}`, `${SUPPORT}=${SUPPORT_V2}`])).toBeUndefined();
  });

  it('takes a value naming an existing file as NEW alone, even with = in its name', () => {
    folder = temporaryFolder();
    const odd = join(folder.path, 'a=b.yaml');
    copyFileSync(join(REPO_ROOT, SUPPORT), odd);
    expect(parsePolicyMappings([odd], REPO_ROOT)).toEqual([{from: odd, to: odd, fromPath: odd, toPath: odd}]);
  });
});

describe('replaying audit trails', () => {
  it('replays from a chain file exactly the decisions that need neither the output nor the tool calls, and says of each other one why not', () => {
    folder = temporaryFolder();
    const trail = load(writeRun(folder.path).trail);
    expect(trail.every((fixture) => fixture.shape === 'artifact')).toBe(true);
    const {results, summary} = whatIf(trail, [`${SUPPORT}=${SUPPORT_V2}`]);
    // support-v2 validates the output: only what its authorization gates refuse is decided; tools.yaml limits tool calls.
    const decided = (kind: Kind) => kind.policy === NOTES || (support(kind) && ['intern answers', 'intern, customer not verified', 'agent, ticket TCK-42'].includes(kind.kind));
    expect(summary.compared).toBe(countOf(decided));
    expect(summary.unreplayable).toEqual({
      count: countOf((kind) => !decided(kind)),
      byReason: {'needs-output': countOf((kind) => support(kind) && !decided(kind)), 'needs-tool-calls': countOf((kind) => kind.policy === TOOLS)},
    });
    expect(summary.counts).toEqual({pass_to_fail: 7, fail_to_pass: 0, gate_changed: 3, reason_changed: 2});
    const unverified = results.find((result) => result.fixture.line === 4);
    expect(unverified?.unreplayable).toEqual({
      reason: 'needs-output',
      message:
        'the authorization gates pass (when recorded, it failed at precondition_validation), but the policy validates the output (output_schema), and the artifact holds it only as output_checksum',
    });
    expect(results.find((result) => result.unreplayable?.reason === 'needs-tool-calls')?.unreplayable?.message).toBe(
      'the authorization gates pass, but the policy limits tool calls (tools), and an artifact does not record them',
    );
    expect(refusedTrails(results)).toEqual([]);
  });

  it('replays the artifacts enforce prints as a trail too, compared by decision without --policy', () => {
    folder = temporaryFolder();
    const results = load(writeRun(folder.path).artifacts).map((fixture) => replayFixture(fixture, {cwd: REPO_ROOT, trace: false}));
    const notes = results.filter((result) => (result.fixture.invocation as PyDict).policy_file === NOTES);
    expect(notes.map((result) => result.status)).toEqual(Array(countOf((kind) => kind.policy === NOTES)).fill('passed'));
    expect(notes.every((result) => result.change === null && result.diffs.length === 0)).toBe(true);
  });

  it('replays a trail line as the record that holds it, when the record file is given too', () => {
    folder = temporaryFolder();
    const files = writeRun(folder.path);
    const paired = pairTrailWithRecords([...load(files.trail), ...load(files.artifacts), ...load(files.records)]);
    expect(paired.coveredByRecords).toBe(2 * invocations().length);
    expect(paired.fixtures.map((fixture) => fixture.shape)).toEqual(Array(invocations().length).fill('record'));
    const unpaired = pairTrailWithRecords(load(files.trail));
    expect(unpaired.coveredByRecords).toBe(0);
  });

  it('knows the artifacts no replay can decide, whatever the policy', () => {
    folder = temporaryFolder();
    const [pass] = load(writeRun(folder.path, [invocations()[0].invocation]).artifacts).map((fixture) => fixture.raw);
    const malformed = writeRun(folder.path, [{policy_file: SUPPORT, role: 7}]);
    const [refused] = load(malformed.artifacts).map((fixture) => fixture.raw);
    const bigContext = Object.fromEntries(Array.from({length: 100}, (_, index) => [`k${index}`, index]));
    const lines = [
      refused,
      {...pass, metadata: {...(pass.metadata as PyDict), gates_evaluated: ['custom:audit-hook', 'guard_evaluation']}},
      {...pass, enforcement_result: 'FAIL', failure_gate: 'sink_emission', failure_reason: 'Audit sink emit failed: boom'},
      {...pass, context: bigContext},
    ];
    const file = join(folder.path, 'odd.jsonl');
    writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const results = load(file).map((fixture) => replayFixture(fixture, {cwd: REPO_ROOT, trace: false}));
    expect(results.map((result) => [result.status, result.unreplayable?.reason])).toEqual([
      ['unreplayable', 'malformed-invocation'],
      ['unreplayable', 'custom-gates'],
      ['unreplayable', 'not-a-policy-decision'],
      ['unreplayable', 'context-may-be-cut'],
    ]);
    expect(results[1].unreplayable?.message).toBe('it was enforced with custom gates (custom:audit-hook), which replay does not run');
  });

  it('refuses a trail of which nothing can be replayed, naming what is missing and pointing to enforce --record', () => {
    folder = temporaryFolder();
    const answered = invocations().filter(({kind}) => kind.kind === 'agent answers' || kind.kind === 'bot, one lookup');
    const files = writeRun(folder.path, answered.map((item) => item.invocation));
    const results = load(files.trail).map((fixture) => replayFixture(fixture, {cwd: REPO_ROOT, trace: false}));
    const [refused] = refusedTrails(results);
    expect(refused).toEqual({file: files.trail, artifacts: 18, byReason: {'needs-output': 14, 'needs-tool-calls': 4}});
    expect(refusedTrailMessage(refused)).toBe(
      'nothing in it can be replayed: its 18 audit artifacts keep the input and the output only as checksums and no tool calls, and every decision needs what is missing ' +
        '(14 need the output, which an artifact holds only as output_checksum (the policy has an output_schema); ' +
        '4 need the tool calls, which an artifact does not record (the policy has a tools block)); ' +
        'record the invocations with `aigc enforce --record FILE` and replay that file',
    );
    // The records of the same run replay in full.
    expect(refusedTrails(load(files.records).map((fixture) => replayFixture(fixture, {cwd: REPO_ROOT, trace: false})))).toEqual([]);
  });

  it('replays a split pre-call FAIL of the Python SDK in split mode, where the model was never called', () => {
    folder = temporaryFolder();
    const invocation = {policy_file: SUPPORT, model_provider: 'openai', model_identifier: 'gpt-4o', role: 'guest', input: {}, context: {customer_verified: true, ticket_id: 'TCK-000009'}};
    const preCall = decidePreCall(invocation, {cwd: REPO_ROOT, now: fixedClock(RECORDED_AT), trace: false});
    if ('token' in preCall) throw new Error('expected a pre-call FAIL');
    const file = join(folder.path, 'split.jsonl');
    writeFileSync(file, `${JSON.stringify(preCall.artifact)}\n`);
    const [fixture] = load(file);
    expect(fixture.mode).toBe('split');
    expect(replayFixture(fixture, {cwd: REPO_ROOT, trace: false})).toMatchObject({status: 'passed', verdict: {result: 'FAIL', gate: 'role_validation'}});
    const {results} = whatIf([fixture], [`${SUPPORT}=${SUPPORT_V2}`]);
    expect(results[0]).toMatchObject({status: 'passed', change: null, verdict: {result: 'FAIL', gate: 'role_validation'}});
  });

  it('refuses a trail line that is not a valid audit artifact, with its line', () => {
    folder = temporaryFolder();
    const file = join(folder.path, 'broken.jsonl');
    const [pass] = load(writeRun(folder.path, [invocations()[0].invocation]).artifacts).map((fixture) => fixture.raw);
    writeFileSync(file, `${JSON.stringify(pass)}\n${JSON.stringify({...pass, enforcement_result: 'MAYBE'})}\n`);
    expect(() => load(file)).toThrow(expect.objectContaining({code: 'SCHEMA', line: 2, message: expect.stringMatching(/^not a valid audit artifact: enforcement_result: /)}));
  });
});
