// What a policy test case expects, and checking it against the decision the
// engine made: verdict, failure gate, error, reason and artifact fields,
// each mismatch reported as its own field with the expected and actual value.

import {describeError} from '../errors.js';
import type {Decision} from '../pipeline/enforce.js';
import {type BoundedRegex, compileJavaScriptPattern} from '../python/regex.js';
import {isDict, isList, type PyDict, type PyValue} from '../python/values.js';
import {subsetDiff} from './compare.js';

export type Verdict = 'pass' | 'fail';

/** `reason:` as written: a substring, or a regular expression between slashes. */
export interface ReasonMatcher {
  /** The text as written in the suite. */
  source: string;
  /** Set when the text is `/pattern/flags`; a match past its budget throws `RegexBudgetError`. */
  regex?: BoundedRegex;
}

export interface CaseExpectation {
  result: Verdict;
  /** Expected `failure_gate`. */
  gate?: string;
  /** Expected `failures[0].code` (the error's class name), compared exactly. */
  error?: string;
  /** Expected error class or one of its base classes (the reference's `expected_error_type`, an `isinstance` check). */
  errorType?: string;
  reason?: ReasonMatcher;
  /** Part of the expected artifact, compared as a recursive subset. */
  artifact?: PyDict;
}

/** What enforcement produced for a case, in the terms expectations use. */
export interface CaseOutcome {
  result: Verdict;
  gate: string | null;
  /** `failures[0].code`, or the error's class name when the artifact lists no failure. */
  error: string | null;
  /** The error's class and its base classes, most specific first (empty on PASS). */
  errorClasses: string[];
  /** The error's `code` (`ROLE_NOT_ALLOWED`), null on PASS. */
  errorCode: string | null;
  reason: string | null;
  /** `reason` with what the error's details name (the path looked for, the missing fields): for people, never matched. */
  reasonInFull: string | null;
  gatesEvaluated: string[];
  artifact: PyDict;
}

export type MismatchField = 'result' | 'gate' | 'error' | 'error_type' | 'reason' | 'artifact';

/** One expectation the outcome did not meet. */
export interface Mismatch {
  field: MismatchField;
  /** For `artifact`: the JSON pointer of the differing field. */
  pointer?: string;
  /** How the values relate when met: equal, contain the text, match the pattern, be an instance of the class. */
  relation: 'equals' | 'contains' | 'matches' | 'instance-of';
  expected: PyValue | undefined;
  actual: PyValue | undefined;
}

const REGEX_LITERAL = /^\/(.+)\/([dgimsuvy]*)$/s;

/** Reads `reason:`; throws a SyntaxError for an unusable `/pattern/`. */
export function reasonMatcher(source: string): ReasonMatcher {
  const literal = REGEX_LITERAL.exec(source);
  if (!literal) return {source};
  return {source, regex: compileJavaScriptPattern(literal[1], literal[2])};
}

export function outcomeOf(decision: Decision): CaseOutcome {
  const artifact = decision.artifact;
  const failures = artifact.failures;
  const firstCode = isList(failures) && isDict(failures[0]) && typeof failures[0].code === 'string' ? failures[0].code : null;
  const error = decision.error;
  const metadata = isDict(artifact.metadata) ? artifact.metadata : {};
  const gates = metadata.gates_evaluated ?? metadata.pre_call_gates_evaluated;
  const reason = typeof artifact.failure_reason === 'string' ? artifact.failure_reason : null;
  return {
    result: artifact.enforcement_result === 'PASS' ? 'pass' : 'fail',
    gate: typeof artifact.failure_gate === 'string' ? artifact.failure_gate : null,
    error: firstCode ?? error?.className ?? null,
    errorClasses: error ? classChain(error) : [],
    errorCode: error?.code ?? null,
    reason,
    reasonInFull: error !== null && error.message === reason ? describeError(error) : reason,
    gatesEvaluated: isList(gates) ? gates.filter((gate): gate is string => typeof gate === 'string') : [],
    artifact,
  };
}

/** The Python class names of an error's class and its bases, most specific first. */
export function classChain(error: object): string[] {
  const names: string[] = [];
  for (let klass = error.constructor; klass && klass !== Error && klass !== Object; klass = Object.getPrototypeOf(klass)) {
    const name = Object.hasOwn(klass, 'pythonName') ? (klass as unknown as {pythonName: string}).pythonName : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Every way `outcome` differs from `expectation`, in the order fields are listed; empty when it is met. */
export function checkExpectation(expectation: CaseExpectation, outcome: CaseOutcome, ignore?: ReadonlySet<string>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (expectation.result !== outcome.result) {
    mismatches.push({field: 'result', relation: 'equals', expected: expectation.result, actual: outcome.result});
  }
  if (expectation.gate !== undefined && expectation.gate !== outcome.gate) {
    mismatches.push({field: 'gate', relation: 'equals', expected: expectation.gate, actual: outcome.gate});
  }
  if (expectation.error !== undefined && expectation.error !== outcome.error) {
    mismatches.push({field: 'error', relation: 'equals', expected: expectation.error, actual: outcome.error});
  }
  // Like the reference's expect_fail: the class is checked only when there was an error.
  if (expectation.errorType !== undefined && outcome.errorClasses.length > 0 && !outcome.errorClasses.includes(expectation.errorType)) {
    mismatches.push({field: 'error_type', relation: 'instance-of', expected: expectation.errorType, actual: outcome.errorClasses[0]});
  }
  if (expectation.reason !== undefined && !reasonMatches(expectation.reason, outcome.reason)) {
    const relation = expectation.reason.regex ? 'matches' : 'contains';
    mismatches.push({field: 'reason', relation, expected: expectation.reason.source, actual: outcome.reason});
  }
  if (expectation.artifact !== undefined) {
    for (const diff of subsetDiff(expectation.artifact, outcome.artifact, {ignore})) {
      mismatches.push({field: 'artifact', pointer: diff.pointer, relation: 'equals', expected: diff.expected, actual: diff.actual});
    }
  }
  return mismatches;
}

function reasonMatches(matcher: ReasonMatcher, reason: string | null): boolean {
  if (reason === null) return false;
  return matcher.regex ? matcher.regex.test(reason) : reason.includes(matcher.source);
}
