import {describe, expect, it} from 'vitest';
import {GovernanceViolationError, SchemaValidationError} from '../../src/errors.js';
import {expectFail, expectPass, PolicyTestAssertionError, PolicyTestCase, PolicyTestSuite} from '../../src/index.js';
import {REPO_ROOT, referenceCaseInvocation} from './helpers.js';

const policyFile = 'test/data/replay/briefing-policy.yaml';
const options = {cwd: REPO_ROOT, now: () => 1780000000};
const analyst = () =>
  new PolicyTestCase({name: 'analyst briefs', policyFile, role: 'analyst', inputData: {q: 1}, outputData: {brief: 'ok'}, context: {clearance: 'green'}});

describe('the policy testing API', () => {
  it('builds the reference invocation from separate fields, with its defaults', () => {
    expect(new PolicyTestCase({name: 'defaults', policyFile}).buildInvocation()).toEqual(referenceCaseInvocation(policyFile));
  });

  it('fills a whole invocation\'s missing policy_file', () => {
    expect(new PolicyTestCase({name: 'whole', policyFile, invocation: {role: 'x'}}).buildInvocation()).toEqual({role: 'x', policy_file: policyFile});
  });

  it('runs a passing case without throwing and lists the gates evaluated', () => {
    const result = expectPass(analyst(), options);
    expect(result.isPass).toBe(true);
    expect(result.gatesEvaluated).toContain('role_validation');
  });

  it('asserts a failure at a gate with an error class, by class or by name', () => {
    const intruder = new PolicyTestCase({name: 'intruder', policyFile, role: 'intruder', outputData: {brief: 'ok'}, context: {clearance: 'green'}});
    const result = expectFail(intruder, {gate: 'role_validation', errorType: GovernanceViolationError}, options);
    expect(result.failureReason).toBe("Unauthorized role 'intruder'");
    expect(() => expectFail(intruder, {errorType: 'AIGCError'}, options)).not.toThrow();
    expect(() => expectFail(intruder, {errorType: SchemaValidationError}, options)).toThrow(/Expected error type SchemaValidationError but got GovernanceViolationError/);
    expect(() => expectFail(intruder, {gate: 'schema_validation'}, options)).toThrow(PolicyTestAssertionError);
  });

  it('fails expectPass on a FAIL and expectFail on a PASS', () => {
    expect(() => expectFail(analyst(), {}, options)).toThrow("Expected FAIL for 'analyst briefs' but got PASS");
    const refused = new PolicyTestCase({name: 'no clearance', policyFile, role: 'analyst', outputData: {brief: 'ok'}});
    expect(() => expectPass(refused, options)).toThrow(/Expected PASS for 'no clearance' but got FAIL/);
  });

  it('runs a suite and checks every outcome against its expectation', () => {
    const suite = new PolicyTestSuite('briefing').add(analyst()).add(new PolicyTestCase({name: 'planner', policyFile}), 'fail');
    const results = suite.runAll(options);
    expect(results.map((result) => result.enforcementResult)).toEqual(['PASS', 'FAIL']);
    expect(suite.allPassed(results)).toBe(true);
    expect(suite.allPassed(results.slice(0, 1))).toBe(false);
    expect(() => suite.add(analyst(), 'maybe' as 'pass')).toThrow(/expected must be 'pass' or 'fail'/);
  });
});
