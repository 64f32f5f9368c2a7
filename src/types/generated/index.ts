/**
 * Generated from schemas/*.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

export type {AigcProjectConfig} from './aigc-config.js';
export type {AuditArtifact} from './audit_artifact.js';
export type {PolicyCoverageReport, CoverageTally, CoveragePercent, CoverageFile, CoverageCounts, CoverageElement} from './coverage-report.js';
export type {GoldenFixture, ReplayFixture, FixedClock, ReferenceWrappedFixture, BareInvocationFixture, RecordedFixture} from './golden_fixture.js';
export type {Invocation, InvocationInput, InvocationContext, InvocationOutput, ToolCall} from './invocation.js';
export type {ParquetDatasetRow} from './parquet_dataset.js';
export type {Policy} from './policy_dsl.js';
export type {PolicyTestSuite, InvocationFields, PolicyTestSuiteCase, PolicyTestCase, Expectation, DetailedExpectation, FailureGate, ReferencePolicyTestCase} from './policy_test_suite.js';
export type {ReplayJsonReport, Count, ReplayedFixture, ReplayDecision, DecisionChangeKind, UnreplayableDecision, UnreplayableReason, ReplayFieldDiff, DecisionChanges, PolicyMappingUse, ChangeCounts, GateChangeCount, RoleChangeCount, PolicyChangeCount} from './replay_report.js';
