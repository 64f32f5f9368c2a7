import {describe, expect, it} from 'vitest';
import {TestingFileError} from '../../src/testing/errors.js';
import {parseSuite} from '../../src/testing/suite.js';
import {REPO_ROOT, referenceCaseInvocation} from './helpers.js';
import {thrownBy} from '../thrown.js';

const load = (text: string, file = 'suites/example.test.yaml') => parseSuite(text, file, {cwd: REPO_ROOT});

const problemOf = (text: string) => thrownBy(TestingFileError, () => load(text));

describe('suite loading', () => {
  it('resolves the suite policy against the suite file and merges defaults under each case', () => {
    const suite = load(`
suite: merged
policy: ../policies/support-assistant.yaml
defaults: {model_provider: openai, role: agent, context: {a: 1}}
cases:
  - name: own role wins
    role: supervisor
  - name: whole invocation
    invocation: {role: intern, input: {}}
`);
    expect(suite.name).toBe('merged');
    expect(suite.cases[0].invocation).toEqual({model_provider: 'openai', role: 'supervisor', context: {a: 1}, policy_file: 'policies/support-assistant.yaml'});
    expect(suite.cases[1].invocation).toEqual({model_provider: 'openai', role: 'intern', context: {a: 1}, input: {}, policy_file: 'policies/support-assistant.yaml'});
    expect(suite.cases.map((item) => item.line)).toEqual([6, 8]);
  });

  it('names the suite after its file when it has no name, and expects pass by default', () => {
    const suite = load('cases: [{name: a}]');
    expect(suite.name).toBe('example');
    expect(suite.cases[0].expectation).toEqual({result: 'pass'});
  });

  it('reads the reference PolicyTestCase shape with its defaults', () => {
    const suite = load(`
policy: p.yaml
cases:
  - name: reference
    input_data: {q: 1}
    expected_outcome: fail
    expected_gate: role_validation
    expected_error_type: GovernanceViolationError
`);
    expect(suite.cases[0].invocation).toEqual(referenceCaseInvocation('suites/p.yaml', {input: {q: 1}}));
    expect(suite.cases[0].expectation).toEqual({result: 'fail', gate: 'role_validation', errorType: 'GovernanceViolationError'});
  });

  it('reads a case with `policy_file` and no key of our own in the reference shape, with all its defaults', () => {
    const [testCase] = load('cases:\n  - name: planner ok\n    policy_file: open.yaml\n    role: planner\n').cases;
    expect(testCase.invocation).toEqual(referenceCaseInvocation('suites/open.yaml'));
    expect(testCase.expectation).toEqual({result: 'pass'});
  });

  it('reads a case with only keys both shapes share, and no `policy_file`, in our shape (no defaults added)', () => {
    const [testCase] = load('policy: p.yaml\ncases:\n  - name: ours\n    role: planner\n').cases;
    expect(testCase.invocation).toEqual({role: 'planner', policy_file: 'suites/p.yaml'});
  });

  it('gives the reference shape\'s input, output and context as Python\'s `value or {}` does', () => {
    const [testCase] = load('cases:\n  - name: falsy\n    policy_file: p.yaml\n    input_data: ""\n    output_data: text\n    context: null\n').cases;
    expect(testCase.invocation).toMatchObject({input: {}, output: 'text', context: {}});
  });

  it('resolves a case\'s `policy_file` against the suite file in both shapes, like `policy`', () => {
    const suite = load(`
defaults: {policy_file: policies/from-defaults.yaml}
cases:
  - name: ours with policy_file
    policy_file: ours.yaml
    input: {}
  - name: reference with policy_file
    policy_file: reference.yaml
    expected_outcome: pass
  - name: ours with policy
    policy: policy.yaml
  - name: a whole invocation keeps its own, as written
    policy_file: ignored.yaml
    invocation: {policy_file: policies/own.yaml}
  - name: defaults when the case names none
    input: {}
`);
    expect(suite.cases.map((item) => item.invocation.policy_file)).toEqual([
      'suites/ours.yaml',
      'suites/reference.yaml',
      'suites/policy.yaml',
      'policies/own.yaml',
      'policies/from-defaults.yaml',
    ]);
  });

  it('takes any JSON value in an invocation\'s fields, for enforcement to refuse', () => {
    const suite = load(`
cases:
  - name: whole
    invocation: {input: describe system, role: 7, tool_calls: none}
  - name: ours
    input: describe system
    context: [a]
  - name: reference
    policy_file: p.yaml
    input_data: describe system
`);
    expect(suite.cases.map((item) => item.invocation.input)).toEqual(['describe system', 'describe system', 'describe system']);
    expect(suite.cases[0].invocation).toMatchObject({role: 7, tool_calls: 'none'});
  });

  it('reads detailed expectations: gate, error, reason as text or /regex/, artifact subset', () => {
    const [testCase] = load(`
cases:
  - name: detailed
    expect:
      result: fail
      gate: role_validation
      error: GovernanceViolationError
      reason: /^unauthorized/i
      artifact: {metadata: {gates_evaluated: [guard_evaluation]}}
`).cases;
    expect(testCase.expectation.reason?.regex?.test('Unauthorized role')).toBe(true);
    expect(testCase.expectation.artifact).toEqual({metadata: {gates_evaluated: ['guard_evaluation']}});
  });

  it('takes clocks as epoch seconds, quoted instants or unquoted YAML timestamps; a case overrides the suite', () => {
    const suite = load(`
now: 2026-01-01T00:00:00Z
cases:
  - name: suite clock
  - name: own clock
    now: 1700000000
  - name: quoted
    now: "2026-01-01"
`);
    expect(suite.cases.map((item) => item.now)).toEqual([1767225600, 1700000000, 1767225600]);
  });

  it('takes epoch seconds written as a float, which JSON Schema counts as an integer', () => {
    const suite = load('now: 1700000000.0\ncases: [{name: suite clock}, {name: own clock, now: 1767225600.0}]\n');
    expect(suite.cases.map((item) => item.now)).toEqual([1700000000, 1767225600]);
  });

  it('keeps skip reasons and only marks', () => {
    const suite = load('cases: [{name: a, skip: true}, {name: b, skip: later}, {name: c, only: true}]');
    expect(suite.cases.map((item) => [item.skip, item.only])).toEqual([['', false], ['later', false], [undefined, true]]);
  });
});

describe('a malformed suite', () => {
  it('is refused with the line of the offending field', () => {
    const problem = problemOf('cases:\n  - name: ok\n  - name: bad\n    expect: maybe\n');
    expect(problem.code).toBe('SCHEMA');
    expect(problem.message).toBe("cases[1].expect: 'maybe' is not one of ['pass', 'fail']");
    expect(problem.location).toBe('suites/example.test.yaml:4:13');
  });

  it('is refused on a YAML syntax error with its line', () => {
    const problem = problemOf('cases:\n  - name: [unclosed\n');
    expect(problem.code).toBe('SYNTAX');
    expect(problem.line).toBeGreaterThanOrEqual(2);
  });

  it('is refused when a case mixes a whole invocation with separate fields', () => {
    const problem = problemOf('cases:\n  - name: mixed\n    invocation: {}\n    role: a\n');
    expect(problem.code).toBe('SCHEMA');
    expect(problem.message).toBe('cases[0]: `invocation` is the whole invocation: give role inside it, or leave `invocation` out');
  });

  it('names an unknown key with its line, and the key likely meant', () => {
    const problem = problemOf('cases:\n  - name: typo\n    expekt: pass\n');
    expect(problem.message).toBe("cases[0]: unknown key 'expekt' (did you mean 'expect'?)");
    expect(problem.location).toBe('suites/example.test.yaml:3:5');
    expect(problemOf('suit: x\ncases: []\n').message).toBe("unknown key 'suit' (did you mean 'suite'?)");
    expect(problemOf('cases:\n  - name: e\n    expect: {result: fail, gaet: role_validation}\n').message).toBe(
      "cases[0].expect: unknown key 'gaet' (did you mean 'gate'?)",
    );
    expect(problemOf('cases:\n  - name: r\n    expected_outcome: fail\n    expected_gat: role_validation\n').message).toBe(
      "cases[0]: unknown key 'expected_gat' (did you mean 'expected_gate'?)",
    );
    expect(problemOf('cases:\n  - name: x\n    zzz: 1\n').message).toMatch(/^cases\[0\]: unknown key 'zzz'; known keys: name, description, policy, /);
  });

  it('is refused when a case mixes the keys of both shapes, naming them', () => {
    const problem = problemOf('cases:\n  - name: mixed\n    input_data: {}\n    expect: pass\n');
    expect(problem.message).toBe(
      "cases[0]: mixes keys of the reference's PolicyTestCase shape (input_data) with keys of ours (expect); write the case in one shape",
    );
    expect(problem.line).toBe(2);
  });

  it('is refused for `policy` together with `policy_file`', () => {
    expect(problemOf('cases:\n  - name: both\n    policy: a.yaml\n    policy_file: b.yaml\n').message).toBe('cases[0]: policy and policy_file cannot be given together');
  });

  it('is refused for an unusable regular expression, pointing at it', () => {
    const problem = problemOf('cases:\n  - name: r\n    expect: {result: fail, reason: "/(/"}\n');
    expect(problem.code).toBe('INVALID_VALUE');
    expect(problem.line).toBe(3);
    expect(problem.message).toMatch(/invalid regular expression/);
  });

  it('is refused for two cases with the same name', () => {
    const problem = problemOf('cases:\n  - name: twice\n  - name: twice\n');
    expect(problem.message).toMatch(/already the name of the case on line 2/);
    expect(problem.line).toBe(3);
  });

  it('is refused for a clock that is no instant', () => {
    expect(problemOf('now: "2026-02-30T00:00:00Z"\ncases: []\n').code).toBe('INVALID_VALUE');
    expect(problemOf('now: 100000000000000000000000\ncases: []\n').code).toBe('INVALID_VALUE');
  });
});
