/**
 * Generated from schemas/*.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

export type {AuditArtifact} from './audit_artifact.js';
export type {GoldenFixture, FixedClock, BareInvocationFixture, ReplayFixture, InvocationFields, InvocationInput, InvocationContext, InvocationOutput, ToolCall, ReferenceWrappedFixture, RecordedFixture} from './golden_fixture.js';
export type {Invocation} from './invocation.js';
export type {Policy} from './policy_dsl.js';
export type {ToolCalls, PolicyTestSuiteCase, Expectation, FailureGate, PolicyTestSuite, PolicyTestCase, DetailedExpectation, ReferencePolicyTestCase} from './policy_test_suite.js';
