// Running policy test cases: each case's invocation through the unified
// pipeline at its fixed clock, its expectation checked field by field.
// Policies are compiled once per run through one shared PolicyCache.

import type {RedactionPattern} from '../audit/redaction.js';
import type {EnforcementObserver} from '../enforcement-observer.js';
import type {ArtifactSigner} from '../audit/signing.js';
import type {EnforcementGate} from '../gates/custom.js';
import {PolicyCache} from '../policy/cache.js';
import {decide} from '../pipeline/enforce.js';
import type {BoundedRegex} from '../python/regex.js';
import {fixedClock} from './clock.js';
import {VOLATILE_ARTIFACT_POINTERS} from './compare.js';
import {type CaseOutcome, checkExpectation, type Mismatch, outcomeOf} from './expectations.js';
import type {LoadedSuite, SuiteCase} from './suite.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  case: SuiteCase;
  status: CaseStatus;
  /** Why the case was skipped (`skip:` text, or that other cases are marked `only`). */
  skipReason?: string;
  /** What enforcement produced; absent for a skipped case. */
  outcome?: CaseOutcome;
  /** Empty unless the case failed. */
  mismatches: Mismatch[];
  durationMs: number;
}

export interface RunOptions {
  /** Folder relative policy paths resolve against (default: process.cwd()). */
  cwd?: string;
  policyRoot?: string;
  /** Shared policy cache; one is made per run when absent. */
  cache?: PolicyCache;
  /** Clock (epoch seconds) for cases whose suite and case set none; default: the real clock. */
  now?: number;
  /** Only cases whose name, suite name or `suite › case` matches run; the others are left out entirely. */
  filter?: CaseFilter;
  /** Stop at the first failing case. */
  bail?: boolean;
  /** Compare timestamps in artifact expectations too. */
  strict?: boolean;
  signer?: ArtifactSigner | null;
  customGates?: readonly EnforcementGate[];
  /** Strict mode of enforcement: refuse policies without typed preconditions. */
  strictMode?: boolean;
  /** Replaces the default redaction patterns of failure messages. */
  redactionPatterns?: readonly RedactionPattern[];
  /** Called as each case finishes, in order. */
  onResult?: (result: CaseResult) => void;
  /** OpenTelemetry spans for each enforcement (default true; see EnforceOptions.trace). */
  trace?: boolean;
  /** Told what each case's enforcement evaluates (a CoverageCollector, for coverage); see EnforceOptions.observer. */
  observer?: EnforcementObserver | null;
}

export interface RunSummary {
  results: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** True when `bail` stopped the run early. */
  bailed: boolean;
  durationMs: number;
}

/** Runs one case (skips are decided by the caller). */
export function runCase(testCase: SuiteCase, options: RunOptions = {}): CaseResult {
  const started = performance.now();
  const at = testCase.now ?? options.now;
  const decision = decide(testCase.invocation, {
    now: at === undefined ? undefined : fixedClock(at),
    cwd: options.cwd,
    policyRoot: options.policyRoot,
    cache: options.cache ?? null,
    signer: options.signer ?? null,
    customGates: options.customGates,
    strictMode: options.strictMode,
    redactionPatterns: options.redactionPatterns,
    trace: options.trace,
    observer: options.observer,
  });
  const outcome = outcomeOf(decision);
  const mismatches = checkExpectation(testCase.expectation, outcome, options.strict ? undefined : VOLATILE_ARTIFACT_POINTERS);
  return {
    case: testCase,
    status: mismatches.length === 0 ? 'passed' : 'failed',
    outcome,
    mismatches,
    durationMs: performance.now() - started,
  };
}

/** Which cases a run selects (`--run`): a bounded pattern, whose match past its budget throws `RegexBudgetError`. */
export type CaseFilter = Pick<BoundedRegex, 'test'>;

/** The cases a run selects, in order: those matching `filter` (all when absent). */
export function selectCases(suites: readonly LoadedSuite[], filter?: CaseFilter): SuiteCase[] {
  const cases = suites.flatMap((suite) => suite.cases);
  if (!filter) return cases;
  return cases.filter((item) => filter.test(item.name) || filter.test(item.suite) || filter.test(`${item.suite} › ${item.name}`));
}

/** A case a run selects, with why it will be skipped when it will be. */
export interface PlannedCase {
  case: SuiteCase;
  skipReason?: string;
}

/** The cases a run selects (see `selectCases`), in order, each with its skip reason if it is skipped. */
export function planCases(suites: readonly LoadedSuite[], filter?: CaseFilter): PlannedCase[] {
  const selected = selectCases(suites, filter);
  const onlySuites = new Set(selected.filter((item) => item.only).map((item) => item.file));
  return selected.map((testCase) => ({case: testCase, skipReason: skipReasonOf(testCase, onlySuites)}));
}

/**
 * Runs every selected case of the suites. Yields to the event loop now and
 * then, so a live view can redraw while a long run goes on.
 */
export async function runSuites(suites: readonly LoadedSuite[], options: RunOptions = {}): Promise<RunSummary> {
  const started = performance.now();
  const settings: RunOptions = {...options, cache: options.cache ?? new PolicyCache()};
  const planned = planCases(suites, options.filter);
  const results: CaseResult[] = [];
  let bailed = false;
  let lastYield = performance.now();
  for (const {case: testCase, skipReason} of planned) {
    const result: CaseResult =
      skipReason === undefined ? runCase(testCase, settings) : {case: testCase, status: 'skipped', skipReason, mismatches: [], durationMs: 0};
    results.push(result);
    options.onResult?.(result);
    if (result.status === 'failed' && options.bail) {
      bailed = results.length < planned.length;
      break;
    }
    if (performance.now() - lastYield > 30) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  return {
    results,
    passed: results.filter((result) => result.status === 'passed').length,
    failed: results.filter((result) => result.status === 'failed').length,
    skipped: results.filter((result) => result.status === 'skipped').length,
    bailed,
    durationMs: performance.now() - started,
  };
}

function skipReasonOf(testCase: SuiteCase, onlySuites: ReadonlySet<string>): string | undefined {
  if (testCase.skip !== undefined) return testCase.skip === '' ? 'skip' : testCase.skip;
  if (onlySuites.has(testCase.file) && !testCase.only) return 'other cases of the suite are marked only';
  return undefined;
}
