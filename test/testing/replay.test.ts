import {copyFileSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/json.js';
import {isDict, type PyDict} from '../../src/python/values.js';
import {formatFieldDiff} from '../../src/testing/compare.js';
import {type FixtureLoadOptions, loadFixtureFile, type ReplayFixture} from '../../src/testing/replay/fixtures.js';
import {summarizeDecisionChanges} from '../../src/testing/replay/changes.js';
import {parsePolicyMappings, PolicySubstitution} from '../../src/testing/replay/policy-map.js';
import {replayFixture} from '../../src/testing/replay/replay.js';
import {planUpdates} from '../../src/testing/replay/update.js';
import {REPO_ROOT, temporaryFolder} from './helpers.js';

const DATA = 'test/data/replay';
const json = (file: string) => parseJson(readFileSync(join(REPO_ROOT, file), 'utf8')) as PyDict;

function fixtures(file: string, options: FixtureLoadOptions = {}): ReplayFixture[] {
  const loaded = loadFixtureFile(file, {cwd: REPO_ROOT, ...options});
  if (!Array.isArray(loaded)) throw new Error(loaded.reason);
  return loaded;
}

const replay = (fixture: ReplayFixture, options = {}) => replayFixture(fixture, {cwd: REPO_ROOT, ...options});

describe('replaying fixtures in the reference\'s shapes', () => {
  it('passes a bare invocation against its expected-audit template', () => {
    const [fixture] = fixtures(`${DATA}/bare_pass.json`, {expectedTemplate: json(`${DATA}/bare_pass_expected.json`)});
    expect(fixture.shape).toBe('reference-bare');
    expect(replay(fixture).status).toBe('passed');
  });

  it('passes wrapped fixtures by exception class, code and stable fields', () => {
    for (const file of ['wrapped_role_fail.json', 'wrapped_missing_fields.json']) {
      const [fixture] = fixtures(`${DATA}/${file}`);
      expect(fixture.shape).toBe('reference-wrapped');
      expect(replay(fixture).diffs).toEqual([]);
    }
  });

  it('replays a bare pre-call invocation in split mode with the given output', () => {
    const [fixture] = fixtures(`${DATA}/split_pre_call.json`, {
      mode: 'split',
      callOutput: json(`${DATA}/split_output.json`),
      expectedTemplate: json(`${DATA}/split_expected.json`),
    });
    const result = replay(fixture);
    expect(result.diffs).toEqual([]);
    expect((result.actual?.metadata as PyDict).enforcement_mode).toBe('split');
  });

  it('fails with a field-level diff when one expected field is edited', () => {
    const template = {...json(`${DATA}/bare_pass_expected.json`), policy_version: '9.9'};
    const [fixture] = fixtures(`${DATA}/bare_pass.json`, {expectedTemplate: template});
    const result = replay(fixture);
    expect(result.status).toBe('failed');
    expect(result.diffs.map(formatFieldDiff)).toEqual(['/policy_version: "9.9" → "2.3"']);
  });

  it('names the exception class and code that differ in a wrapped fixture', () => {
    const [fixture] = fixtures(`${DATA}/wrapped_role_fail.json`);
    const edited = {...fixture, expectation: {...fixture.expectation, exceptionClass: 'SchemaValidationError', exceptionCode: 'X', artifact: {failure_gate: 'precondition_validation'}}};
    expect(replay(edited).diffs.map(formatFieldDiff)).toEqual([
      'exception: "SchemaValidationError" → "GovernanceViolationError"',
      'exception_code: "X" → "ROLE_NOT_ALLOWED"',
      '/failure_gate: "precondition_validation" → "role_validation"',
    ]);
  });

  it('replays invocations with wrongly typed fields, which enforcement refuses at invocation_validation', () => {
    const [wrapped] = fixtures(`${DATA}/wrapped_input_not_object.json`);
    expect(replay(wrapped).diffs).toEqual([]);
    const [ours] = fixtures(`${DATA}/ours_schema_fail.json`);
    const typedWrongly = {...ours, invocation: {...(ours.invocation as PyDict), role: 7}, expectation: {artifact: {failure_gate: 'invocation_validation'}}};
    expect(replay(typedWrongly).diffs).toEqual([]);
  });

  it('wants the exact exception class, as the reference\'s tests compare the class name', () => {
    const [fixture] = fixtures(`${DATA}/wrapped_missing_fields.json`);
    for (const base of ['GovernanceViolationError', 'AIGCError']) {
      const result = replay({...fixture, expectation: {exceptionClass: base}});
      expect(result.diffs.map(formatFieldDiff)).toEqual([`exception: "${base}" → "InvocationValidationError"`]);
    }
  });

  it('replays a split fixture that fails at pre-call without any model output', () => {
    const [fixture] = fixtures(`${DATA}/split_pre_fail_role.json`, {mode: 'split', expectedTemplate: json(`${DATA}/split_pre_fail_expected.json`)});
    const result = replay(fixture);
    expect(result.diffs).toEqual([]);
    expect(result.status).toBe('passed');
  });

  it('says the model output is needed when a split fixture passes its pre-call phase without one', () => {
    const [fixture] = fixtures(`${DATA}/split_pre_call.json`, {mode: 'split', expectedTemplate: json(`${DATA}/split_expected.json`)});
    const result = replay(fixture);
    expect(result).toMatchObject({status: 'failed', actual: null, verdict: null});
    expect(result.problem).toMatch(/pre-call phase passed, so the post-call phase needs the model output/);
    expect(planUpdates([result], {mode: 'all', expectedFile: 'unused.json'}).writes).toEqual([]);
  });

  it('passes over expected-artifact templates, which are no fixtures', () => {
    expect(loadFixtureFile(`${DATA}/bare_pass_expected.json`, {cwd: REPO_ROOT})).toMatchObject({notAFixture: true});
  });
});

describe('replaying our own fixtures and records', () => {
  it('ignores timestamps unless strict', () => {
    const [fixture] = fixtures(`${DATA}/ours_schema_fail.json`);
    expect(replay(fixture).status).toBe('passed');
    expect(replay(fixture, {strict: true}).diffs.map(formatFieldDiff)).toEqual(['/timestamp: 1 → 1780000000']);
  });

  it('passes every golden fixture of the examples', () => {
    const files = readdirSync(join(REPO_ROOT, 'fixtures/golden')).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) for (const fixture of fixtures(`fixtures/golden/${file}`)) expect(replay(fixture).diffs, file).toEqual([]);
  });

  let folder: ReturnType<typeof temporaryFolder> | undefined;
  afterEach(() => {
    folder?.remove();
    folder = undefined;
  });

  it('takes a clock written as a float (1780000000.0), which JSON Schema counts as an integer', () => {
    folder = temporaryFolder();
    const file = join(folder.path, 'float-clock.json');
    const text = readFileSync(join(REPO_ROOT, DATA, 'ours_schema_fail.json'), 'utf8');
    writeFileSync(file, text.replace('"now": 1780000000', '"now": 1780000000.0'));
    const [fixture] = fixtures(file);
    expect(fixture.now).toBe(1780000000);
    expect(replay(fixture).status).toBe('passed');
  });

  it('replays records at their recorded clock and summarises decision changes when their policy is mapped to another', () => {
    folder = temporaryFolder();
    const [fixture] = fixtures(`${DATA}/ours_schema_fail.json`);
    const pass = json(`${DATA}/bare_pass.json`);
    const records = [pass, fixture.invocation].map((invocation) => {
      const [bare] = fixtures(`${DATA}/bare_pass.json`);
      const artifact = replay({...bare, invocation, now: 1780000000}).actual!;
      return JSON.stringify({invocation, artifact: {...artifact, signature: 'recorded-signature'}});
    });
    const file = join(folder.path, 'recorded.jsonl');
    writeFileSync(file, `${records.join('\n')}\n`);
    const loaded = fixtures(file);
    expect(loaded.map((item) => [item.shape, item.line, item.now])).toEqual([
      ['record', 1, 1780000000],
      ['record', 2, 1780000000],
    ]);
    expect(loaded.map((item) => replay(item).status)).toEqual(['passed', 'passed']);
    const mappings = parsePolicyMappings([`${DATA}/briefing-policy.yaml=policies/support-assistant.yaml`], REPO_ROOT);
    const results = loaded.map((item) => replay(item, {policyMap: new PolicySubstitution(mappings, REPO_ROOT)}));
    const summary = summarizeDecisionChanges(results, mappings);
    expect([summary.compared, summary.changed.length, summary.counts.pass_to_fail, summary.counts.gate_changed]).toEqual([2, 2, 1, 1]);
    expect(summary.byGate.filter((item) => item.change === 'pass_to_fail')).toEqual([{change: 'pass_to_fail', from: null, to: 'role_validation', count: 1}]);
  });

  it('writes missing expectations (new) and rewrites mismatches (all) in the fixture\'s own shape and style', () => {
    folder = temporaryFolder();
    const ours = join(folder.path, 'ours.json');
    const source = json(`${DATA}/ours_schema_fail.json`);
    writeFileSync(ours, `${JSON.stringify({name: source.name, invocation: source.invocation, now: source.now}, null, 4)}\n`);
    const wrapped = join(folder.path, 'wrapped.json');
    copyFileSync(join(REPO_ROOT, DATA, 'wrapped_role_fail.json'), wrapped);
    const edited = json(`${DATA}/wrapped_role_fail.json`);
    (edited.expected_audit_artifact_stable_fields as PyDict).failure_gate = 'schema_validation';
    writeFileSync(wrapped, JSON.stringify(edited));

    const run = () => [...fixtures(ours), ...fixtures(wrapped)].map((fixture) => replay(fixture));
    const first = run();
    expect(first.map((result) => result.status)).toEqual(['missing', 'failed']);
    const onlyNew = planUpdates(first, {mode: 'new', cwd: folder.path});
    expect(onlyNew.writes.map((write) => write.file)).toEqual([ours]);
    for (const write of onlyNew.writes) writeFileSync(write.file, write.text);
    const written = readFileSync(ours, 'utf8');
    expect(written).toMatch(/^\{\n {4}"name"/);
    const expected = (parseJson(written) as PyDict).expected as PyDict;
    expect(expected.failure_gate).toBe('schema_validation');
    expect(expected).not.toHaveProperty('timestamp');

    const all = planUpdates(run(), {mode: 'all', cwd: folder.path});
    for (const write of all.writes) writeFileSync(write.file, write.text);
    const rewritten = parseJson(readFileSync(wrapped, 'utf8')) as PyDict;
    expect(rewritten.expected_audit_artifact_stable_fields).toMatchObject({failure_gate: 'role_validation'});
    expect(Object.keys(rewritten)).toEqual(Object.keys(edited));
    expect(run().map((result) => result.status)).toEqual(['passed', 'passed']);
  });

  it('writes a bare fixture\'s expectation to --expected FILE in the reference template shape', () => {
    folder = temporaryFolder();
    const [fixture] = fixtures(`${DATA}/bare_pass.json`);
    const target = join(folder.path, 'expected.json');
    const plan = planUpdates([replay(fixture)], {mode: 'new', expectedFile: target});
    const template = parseJson(plan.writes[0].text);
    expect(isDict(template) && Object.keys(template)).toEqual(Object.keys(json(`${DATA}/bare_pass_expected.json`)).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
  });
});

const ORDER = ['audit_schema_version', 'model_provider', 'model_identifier', 'policy_version', 'role', 'policy_file', 'policy_schema_version', 'enforcement_result'];
