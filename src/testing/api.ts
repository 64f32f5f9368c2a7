// The policy testing API for programs, the TypeScript counterpart of the
// Python reference's `aigc.policy_testing`: build a case, run it, and assert
// PASS or FAIL (optionally at a gate, with an error class).

import type {AigcError} from '../errors.js';
import {decide, type EnforceOptions} from '../pipeline/enforce.js';
import {PolicyCache} from '../policy/cache.js';
import {deepCopy, isDict, isList, type PyDict, type PyValue} from '../python/values.js';
import type {AuditArtifact} from '../types/generated/index.js';
import {classChain} from './expectations.js';
import {REFERENCE_CASE_DEFAULTS} from './case-shape.js';

export interface PolicyTestCaseInit {
  name: string;
  /** Policy the case runs against; fills in a whole `invocation`'s missing `policy_file`. */
  policyFile: string;
  /** The whole invocation; when given, the separate fields below are not used. */
  invocation?: PyDict;
  /** Default `planner`. */
  role?: string;
  /** Default `test-provider`. */
  modelProvider?: string;
  /** Default `test-model`. */
  modelIdentifier?: string;
  inputData?: PyDict | null;
  outputData?: PyDict | null;
  context?: PyDict | null;
}

/** What running a case produced. */
export interface PolicyTestResult {
  name: string;
  /** True when enforcement passed. */
  passed: boolean;
  enforcementResult: 'PASS' | 'FAIL';
  auditArtifact: AuditArtifact | null;
  error: AigcError | null;
  gatesEvaluated: string[];
  failureGate: string | null;
  /** The error's message, unredacted (the artifact's `failure_reason` is redacted). */
  failureReason: string | null;
  isPass: boolean;
  isFail: boolean;
}

/** One policy test scenario: a policy, an invocation, run without throwing on governance failures. */
export class PolicyTestCase {
  readonly name: string;
  readonly policyFile: string;
  private readonly init: PolicyTestCaseInit;

  constructor(init: PolicyTestCaseInit) {
    this.name = init.name;
    this.policyFile = init.policyFile;
    this.init = init;
  }

  /** The invocation the case enforces (a fresh copy each time). */
  buildInvocation(): PyDict {
    const init = this.init;
    if (init.invocation !== undefined) {
      const invocation = deepCopy(init.invocation);
      if (!Object.hasOwn(invocation, 'policy_file')) invocation.policy_file = init.policyFile;
      return invocation;
    }
    return {
      policy_file: init.policyFile,
      role: init.role ?? REFERENCE_CASE_DEFAULTS.role,
      model_provider: init.modelProvider ?? REFERENCE_CASE_DEFAULTS.model_provider,
      model_identifier: init.modelIdentifier ?? REFERENCE_CASE_DEFAULTS.model_identifier,
      input: deepCopy(init.inputData ?? {}),
      output: deepCopy(init.outputData ?? {}),
      context: deepCopy(init.context ?? {}),
    };
  }

  /** Enforces the invocation; a governance failure is returned as a FAIL result, not thrown. */
  run(options: EnforceOptions = {}): PolicyTestResult {
    const {artifact, error} = decide(this.buildInvocation(), options);
    const metadata = isDict(artifact.metadata) ? artifact.metadata : {};
    const gates: PyValue = metadata.gates_evaluated ?? [];
    const passed = error === null;
    return {
      name: this.name,
      passed,
      enforcementResult: passed ? 'PASS' : 'FAIL',
      auditArtifact: artifact,
      error,
      gatesEvaluated: isList(gates) ? gates.filter((gate): gate is string => typeof gate === 'string') : [],
      failureGate: passed ? null : typeof artifact.failure_gate === 'string' ? artifact.failure_gate : null,
      failureReason: error ? error.message : null,
      isPass: passed,
      isFail: !passed,
    };
  }
}

/** Thrown by `expectPass` and `expectFail` when a case does not turn out as asserted. */
export class PolicyTestAssertionError extends Error {
  override readonly name = 'PolicyTestAssertionError';
  readonly code = 'POLICY_TEST_ASSERTION';

  constructor(
    message: string,
    readonly result: PolicyTestResult,
  ) {
    super(message);
  }
}

/** Runs the case and asserts it passes; returns the result. */
export function expectPass(testCase: PolicyTestCase, options: EnforceOptions = {}): PolicyTestResult {
  const result = testCase.run(options);
  if (!result.isPass) {
    throw new PolicyTestAssertionError(`Expected PASS for '${testCase.name}' but got FAIL: ${result.failureReason}`, result);
  }
  return result;
}

/** An error class (such as `GovernanceViolationError`) or its Python class name. */
export type ErrorTypeExpectation = string | (abstract new (...args: never[]) => AigcError);

export interface FailExpectation {
  /** The gate it should fail at (`failure_gate`). */
  gate?: string;
  /** The error class it should raise, or one of its base classes. */
  errorType?: ErrorTypeExpectation;
}

/** Runs the case and asserts it fails, at `gate` and with `errorType` when given; returns the result. */
export function expectFail(testCase: PolicyTestCase, expected: FailExpectation = {}, options: EnforceOptions = {}): PolicyTestResult {
  const result = testCase.run(options);
  if (!result.isFail) throw new PolicyTestAssertionError(`Expected FAIL for '${testCase.name}' but got PASS`, result);
  if (expected.gate !== undefined && result.failureGate !== expected.gate) {
    throw new PolicyTestAssertionError(`Expected failure at gate '${expected.gate}' but failed at '${result.failureGate}'`, result);
  }
  if (expected.errorType !== undefined && result.error !== null) {
    const wanted = typeof expected.errorType === 'string' ? expected.errorType : pythonNameOf(expected.errorType);
    const classes = classChain(result.error);
    if (!classes.includes(wanted)) {
      throw new PolicyTestAssertionError(`Expected error type ${wanted} but got ${classes[0] ?? result.error.name}`, result);
    }
  }
  return result;
}

function pythonNameOf(errorClass: abstract new (...args: never[]) => AigcError): string {
  return (errorClass as unknown as {pythonName?: string}).pythonName ?? errorClass.name;
}

/** Cases with their expected outcome, run together (policies compiled once). */
export class PolicyTestSuite {
  private readonly entries: Array<{testCase: PolicyTestCase; expected: 'pass' | 'fail'}> = [];

  constructor(readonly name: string) {}

  add(testCase: PolicyTestCase, expected: 'pass' | 'fail' = 'pass'): this {
    if (expected !== 'pass' && expected !== 'fail') throw new RangeError(`expected must be 'pass' or 'fail', got: '${String(expected)}'`);
    this.entries.push({testCase, expected});
    return this;
  }

  get cases(): readonly PolicyTestCase[] {
    return this.entries.map((entry) => entry.testCase);
  }

  runAll(options: EnforceOptions = {}): PolicyTestResult[] {
    const settings: EnforceOptions = {...options, cache: options.cache ?? new PolicyCache()};
    return this.entries.map((entry) => entry.testCase.run(settings));
  }

  /** Whether every result matches its case's expected outcome. */
  allPassed(results: readonly PolicyTestResult[]): boolean {
    if (results.length !== this.entries.length) return false;
    return this.entries.every((entry, index) => (entry.expected === 'pass') === results[index].isPass);
  }
}
