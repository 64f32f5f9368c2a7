// Loading a policy test suite (`*.test.yaml`): YAML read with the policy
// reader's rules, checked against schemas/policy_test_suite.schema.json, and
// expanded into runnable cases — each with its invocation, clock, expectation
// and the line it was written on. A malformed suite is refused whole, with
// file and line, before any case runs.

import {readInputFile} from './input-file.js';
import path from 'node:path';
import {readYaml, type YamlDocument, YamlSyntaxError, type YamlPath} from '../policy/yaml.js';
import {pyTruthy} from '../python/semantics.js';
import {isDict, PyDate, PyDateTime, type PyDict, type PyValue, deepCopy, defineKey, pyKeys, toPlain} from '../python/values.js';
import {REFERENCE_CASE_DEFAULTS, shapeOfCase} from './case-shape.js';
import {epochSecondsOf, timestampText} from './clock.js';
import {locationIn} from '../source-location.js';
import {TestingFileError} from './errors.js';
import validateSuiteDocument from './suite-schema.generated.js';
import {dottedPath, suiteSchemaProblem, suiteSchemaProblems} from './suite-problems.js';
import {type CaseExpectation, reasonMatcher} from './expectations.js';
import type {
  Expectation,
  FixedClock,
  PolicyTestCase as OurCaseDocument,
  PolicyTestSuite as SuiteDocument,
  PolicyTestSuiteCase as CaseDocument,
  ReferencePolicyTestCase as ReferenceCaseDocument,
} from '../types/generated/index.js';

/** One case ready to run. */
export interface SuiteCase {
  name: string;
  /** Name of the suite it belongs to. */
  suite: string;
  /** The suite file, as given. */
  file: string;
  /** 1-based line where the case starts. */
  line: number;
  invocation: PyDict;
  /** Fixed clock in epoch seconds, from the case or the suite. */
  now?: number;
  expectation: CaseExpectation;
  /** Set when the case is skipped: the reason, or `''` for a plain `skip: true`. */
  skip?: string;
  only: boolean;
}

export interface LoadedSuite {
  name: string;
  file: string;
  description?: string;
  cases: SuiteCase[];
}

export interface SuiteLoadOptions {
  /** Working directory: policy paths in invocations are written relative to it (default: process.cwd()). */
  cwd?: string;
}

/** Invocation fields a case in our shape may give on its own. */
const OUR_INVOCATION_KEYS = ['model_provider', 'model_identifier', 'role', 'input', 'context', 'output', 'tool_calls'];

/** Ajv's check compiled ahead of time answers "valid?" fast for large suites; only an invalid suite is explained by `suiteSchemaProblem`. */
function isValidSuite(value: PyValue): boolean {
  return validateSuiteDocument(toPlain(value)) === true;
}

/** Reads and expands a suite file; throws `TestingFileError` for an unreadable or malformed one. */
export function loadSuiteFile(file: string, options: SuiteLoadOptions = {}): LoadedSuite {
  const cwd = options.cwd ?? process.cwd();
  return parseSuite(readInputFile(file, 'suite', cwd), file, options);
}

/**
 * Reads and expands a suite file, or gives every problem the schema finds in
 * it (one per case or top-level key written wrong; a syntax error or a value
 * that cannot be used is one problem), so that a run reports them all at once.
 */
export function checkSuiteFile(file: string, options: SuiteLoadOptions = {}): {suite: LoadedSuite; problems: []} | {suite?: undefined; problems: TestingFileError[]} {
  try {
    return {suite: loadSuiteFile(file, options), problems: []};
  } catch (error) {
    if (!(error instanceof TestingFileError)) throw error;
    if (error.code !== 'SCHEMA') return {problems: [error]};
    let text: string;
    try {
      text = readInputFile(file, 'suite', options.cwd ?? process.cwd());
    } catch {
      return {problems: [error]};
    }
    const document = readSuiteYaml(text, file);
    // Not a mapping at all (an empty file, a list): the one problem the loader already worded.
    if (!isDict(document.value)) return {problems: [error]};
    normalizeClocks(document.value);
    const problems = suiteSchemaProblems(document.value, document, file);
    return {problems: problems.length > 0 ? problems : [error]};
  }
}

/** Expands a suite from its text; `file` locates it (policy paths are relative to its folder). */
export function parseSuite(text: string, file: string, options: SuiteLoadOptions = {}): LoadedSuite {
  const cwd = options.cwd ?? process.cwd();
  const document = readSuiteYaml(text, file);
  const value = document.value;
  if (isDict(value)) normalizeClocks(value);
  if (!isValidSuite(value)) {
    const problem = suiteSchemaProblem(value, document, file);
    if (problem) throw problem;
  }
  // Valid as the reference's validator reads it (the compiled check refuses only what `suiteSchemaProblem` explains).
  return new SuiteExpander(value as SuiteDocument, document, file, cwd).expand();
}

function readSuiteYaml(text: string, file: string): YamlDocument {
  try {
    // Suites can be large (a thousand cases), and are mostly plain block YAML: the fast reader first.
    return readYaml(text, {simpleFirst: true});
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      throw new TestingFileError(`invalid YAML: ${error.reason}`, 'SYNTAX', locationIn(file, error.range));
    }
    throw error;
  }
}

/** An unquoted `now: 2026-01-01T00:00:00Z` is a YAML timestamp; it means the same instant as the quoted string. */
function normalizeClocks(suite: PyDict): void {
  const fix = (holder: PyDict) => {
    const now = holder.now;
    if (now instanceof PyDateTime || now instanceof PyDate) holder.now = timestampText(now);
  };
  fix(suite);
  if (Array.isArray(suite.cases)) for (const item of suite.cases) if (isDict(item)) fix(item);
}

class SuiteExpander {
  private readonly suiteName: string;
  private readonly suiteDir: string;
  /** Each policy path resolved once: a thousand cases name a handful of policies. */
  private readonly policyPaths = new Map<string, string>();

  constructor(
    private readonly suite: SuiteDocument,
    private readonly document: YamlDocument,
    private readonly file: string,
    private readonly cwd: string,
  ) {
    this.suiteName = suite.suite ?? path.basename(file).replace(/\.test\.ya?ml$|\.ya?ml$/, '');
    this.suiteDir = path.dirname(path.resolve(cwd, file));
  }

  expand(): LoadedSuite {
    const suiteNow = this.clock(this.suite.now, ['now']);
    const cases = this.suite.cases.map((spec, index) => this.expandCase(spec, index, suiteNow));
    this.refuseDuplicateNames(cases);
    return {name: this.suiteName, file: this.file, description: this.suite.description, cases};
  }

  private expandCase(spec: CaseDocument, index: number, suiteNow: number | undefined): SuiteCase {
    const at: YamlPath = ['cases', index];
    const shape = shapeOfCase(spec);
    // The schema refuses a case mixing both shapes' own keys, so a valid one has a shape.
    const isReference = 'shape' in shape && shape.shape === 'reference';
    const invocation = isReference ? this.referenceInvocation(spec as ReferenceCaseDocument) : this.ourInvocation(spec as OurCaseDocument);
    const caseNow = this.clock(spec.now, [...at, 'now']);
    return {
      name: spec.name,
      suite: this.suiteName,
      file: this.file,
      line: this.document.rangeOf(at)?.start.line ?? 1,
      invocation,
      now: caseNow ?? suiteNow,
      expectation: isReference ? referenceExpectation(spec as ReferenceCaseDocument) : this.ourExpectation((spec as OurCaseDocument).expect, [...at, 'expect']),
      skip: spec.skip === true ? '' : typeof spec.skip === 'string' ? spec.skip : undefined,
      only: spec.only === true,
    };
  }

  /** Our shape: suite defaults, then the case's whole `invocation` or its own fields, each as written. */
  private ourInvocation(spec: OurCaseDocument): PyDict {
    const own = isDict(spec.invocation) ? spec.invocation : pick(spec, OUR_INVOCATION_KEYS);
    return this.withPolicyFile(this.mergedOverDefaults(own), spec, own);
  }

  /** The reference's `PolicyTestCase._build_invocation`, with suite defaults under the case's fields. */
  private referenceInvocation(spec: ReferenceCaseDocument): PyDict {
    if (isDict(spec.invocation)) return this.withPolicyFile(this.mergedOverDefaults(spec.invocation), spec, spec.invocation);
    const defaults = this.defaults();
    const invocation = this.withPolicyFile({}, spec, {});
    const given = (key: 'role' | 'model_provider' | 'model_identifier', field: string, fallback: PyValue): PyValue =>
      Object.hasOwn(spec, key) ? deepCopy(spec[key] as PyValue) : Object.hasOwn(defaults, field) ? defaults[field] : fallback;
    // `self.input_data or {}`: left out, None or anything else Python counts as false gives an empty mapping.
    const orEmpty = (key: 'input_data' | 'output_data' | 'context', field: string): PyValue => {
      const value = spec[key];
      if (value !== undefined && value !== null) return pyTruthy(value) ? deepCopy(value) : {};
      return Object.hasOwn(defaults, field) ? defaults[field] : {};
    };
    invocation.role = given('role', 'role', REFERENCE_CASE_DEFAULTS.role);
    invocation.model_provider = given('model_provider', 'model_provider', REFERENCE_CASE_DEFAULTS.model_provider);
    invocation.model_identifier = given('model_identifier', 'model_identifier', REFERENCE_CASE_DEFAULTS.model_identifier);
    invocation.input = orEmpty('input_data', 'input');
    invocation.output = orEmpty('output_data', 'output');
    invocation.context = orEmpty('context', 'context');
    for (const key of pyKeys(defaults)) if (!Object.hasOwn(invocation, key)) defineKey(invocation, key, defaults[key]);
    return invocation;
  }

  private mergedOverDefaults(own: PyDict): PyDict {
    const invocation = this.defaults();
    for (const key of pyKeys(own)) defineKey(invocation, key, deepCopy(own[key]));
    return invocation;
  }

  /**
   * Sets the invocation's `policy_file`, the same way in both shapes: a whole
   * invocation's own `policy_file` stays as written; else the case's `policy`
   * or `policy_file` (relative to the suite file); else the suite defaults'
   * `policy_file` (as written: relative to the working directory, like any
   * invocation's); else the suite's `policy` (relative to the suite file).
   */
  private withPolicyFile(invocation: PyDict, spec: CaseDocument, own: PyDict): PyDict {
    if (Object.hasOwn(own, 'policy_file')) return invocation;
    const named = ('policy' in spec ? spec.policy : undefined) ?? spec.policy_file;
    const defaults = this.suite.defaults;
    const suitePolicy = this.suitePolicy();
    if (named !== undefined) invocation.policy_file = this.policyPath(named);
    else if (isDict(defaults) && Object.hasOwn(defaults, 'policy_file')) invocation.policy_file = deepCopy(defaults.policy_file as PyValue);
    else if (suitePolicy !== undefined) invocation.policy_file = this.policyPath(suitePolicy);
    return invocation;
  }

  private defaults(): PyDict {
    return isDict(this.suite.defaults) ? deepCopy(this.suite.defaults) : {};
  }

  private suitePolicy(): string | undefined {
    return this.suite.policy;
  }

  /** A policy path written relative to the suite file, as the engine will read it: relative to the working directory. */
  private policyPath(policy: string): string {
    let resolved = this.policyPaths.get(policy);
    if (resolved === undefined) {
      const absolute = path.resolve(this.suiteDir, policy);
      const relative = path.relative(this.cwd, absolute);
      resolved = relative === '' || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
      this.policyPaths.set(policy, resolved);
    }
    return resolved;
  }

  private ourExpectation(expect: Expectation | undefined, at: YamlPath): CaseExpectation {
    if (expect === undefined) return {result: 'pass'};
    if (typeof expect === 'string') return {result: expect};
    const expectation: CaseExpectation = {result: expect.result};
    if (expect.gate !== undefined) expectation.gate = expect.gate;
    if (expect.error !== undefined) expectation.error = expect.error;
    if (expect.reason !== undefined) expectation.reason = this.reason(expect.reason, [...at, 'reason']);
    if (expect.artifact !== undefined) expectation.artifact = expect.artifact;
    return expectation;
  }

  private reason(text: string, at: YamlPath): CaseExpectation['reason'] {
    try {
      return reasonMatcher(text);
    } catch (error) {
      throw this.invalid(`${dottedPath(at)}: invalid regular expression ${text}: ${(error as Error).message}`, at);
    }
  }

  private clock(value: FixedClock | undefined, at: YamlPath): number | undefined {
    if (value === undefined) return undefined;
    const seconds = epochSecondsOf(value);
    if (seconds === undefined) throw this.invalid(`${dottedPath(at)}: '${String(value)}' is not a valid instant`, at);
    return seconds;
  }

  private refuseDuplicateNames(cases: SuiteCase[]): void {
    const seen = new Map<string, number>();
    cases.forEach((item, index) => {
      const first = seen.get(item.name);
      if (first !== undefined) {
        throw this.invalid(`cases[${index}].name: '${item.name}' is already the name of the case on line ${first}`, ['cases', index, 'name']);
      }
      seen.set(item.name, item.line);
    });
  }

  private invalid(message: string, at: YamlPath): TestingFileError {
    const range = this.document.rangeOf(at);
    return new TestingFileError(message, 'INVALID_VALUE', locationIn(this.file, range));
  }
}

function referenceExpectation(spec: ReferenceCaseDocument): CaseExpectation {
  const expectation: CaseExpectation = {result: spec.expected_outcome ?? 'pass'};
  if (spec.expected_gate !== undefined) expectation.gate = spec.expected_gate;
  if (spec.expected_error_type !== undefined) expectation.errorType = spec.expected_error_type;
  return expectation;
}

function pick(source: PyDict, keys: readonly string[]): PyDict {
  const out: PyDict = {};
  for (const key of keys) if (Object.hasOwn(source, key)) out[key] = source[key];
  return out;
}
