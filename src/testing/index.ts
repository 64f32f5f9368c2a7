// Policy test suites and golden replay, usable without the CLI.
export {type PolicyTestCaseInit, PolicyTestAssertionError, PolicyTestCase, type PolicyTestResult, PolicyTestSuite, expectFail, expectPass, type ErrorTypeExpectation, type FailExpectation} from './api.js';
export {ChangedSinceError, type ChangedSinceReason, filesChangedSince, suitesConcerned} from './changed-since.js';
export {epochSecondsOf, fixedClock} from './clock.js';
export * from './coverage/index.js';
export {type CompareOptions, type FieldDiff, formatFieldDiff, formatValue, jsonPointer, projectOnto, subsetDiff, VOLATILE_ARTIFACT_POINTERS} from './compare.js';
export {TestingFileError, type TestingErrorCode} from './errors.js';
export {type CaseExpectation, type CaseOutcome, checkExpectation, type Mismatch, outcomeOf, type Verdict} from './expectations.js';
export {type CaseResult, type CaseStatus, type RunOptions, type RunSummary, runCase, runSuites, selectCases} from './run.js';
export {type LoadedSuite, loadSuiteFile, parseSuite, type SuiteCase} from './suite.js';
export {type FixtureLoadOptions, type FixtureShape, loadFixtureFile, type NotAFixture, type ReplayExpectation, type ReplayFixture, type ReplayMode, shapeOf} from './replay/fixtures.js';
export {RECORDING_POINTERS, type ReplayOptions, type ReplayResult, type ReplayStatus, type ReplayVerdict, replayFixture} from './replay/replay.js';
export {type ChangeCounts, decisionChange, type DecisionChangeSummary, FLIPS, type GateChange, mappingWarnings, type MappingUse, type PolicyChanges, type RoleChanges, summarizeDecisionChanges} from './replay/changes.js';
export {parsePolicyMappings, type PolicyMapping, PolicyMappingError, PolicySubstitution} from './replay/policy-map.js';
export {pairTrailWithRecords, RECOVERABLE_FIELDS, recoverInvocation, refusedTrailMessage, refusedTrails, UNRECOVERABLE_FIELDS} from './replay/trail.js';
export type {DecisionChange, Unreplayable, UnreplayableReason} from './replay/types.js';
export {type FixtureWrite, planUpdates, renderLike, type UpdateMode, type UpdatePlan} from './replay/update.js';
