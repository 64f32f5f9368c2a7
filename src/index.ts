// The public library API of aigc: everything a Node program needs to load
// policies, enforce invocations and work with audit artifacts.

export {AuditChain, recomputeChecksum} from './audit/chain.js';
export {AuditLineage, LineageError, LineageGraph, lineageKey} from './audit/lineage.js';
export {DEFAULT_REDACTION_PATTERNS, type RedactionPattern, redact, redactionPattern} from './audit/redaction.js';
export {type ArtifactSigner, HmacSigner, signArtifact, signaturePayload, verifyArtifact} from './audit/signing.js';
export {type AuditSink, CallbackAuditSink, JsonFileAuditSink, type JsonFileSinkOptions, type SinkFailureMode} from './audit/sinks.js';
export {type DumpsOptions, pyJsonDumps} from './canonical/dumps.js';
export {CanonicalJsonError, canonicalJson, checksum, JsonSyntaxError, parseJson} from './canonical/index.js';
export * from './errors.js';
export {type EnforcementGate, type GateResult, INSERTION_POINTS, type InsertionPoint} from './gates/custom.js';
export {computeRiskScore, type RiskBasisEntry, type RiskScore} from './gates/risk.js';
export {PolicyCache} from './policy/cache.js';
export {mergePolicies} from './policy/compose.js';
export {type CalendarDay, type DateEvidence, validatePolicyDates} from './policy/dates.js';
export {type LoadPolicyOptions, loadPolicy, type PolicyLoader} from './policy/loader.js';
export {PyDate, PyDateTime, PyFloat, type PyDict, type PyList, type PyValue} from './python/values.js';
export {decide, type Decision, type EnforceOptions, enforceInvocation as enforce, enforceInvocation} from './pipeline/enforce.js';
export {decidePostCall, decidePreCall, enforcePostCall, enforcePreCall, PreCallResult, wrappedFunctionFailure} from './pipeline/split.js';
export {PROVENANCE_MISSING, ProvenanceGate, SOURCE_IDS_MISSING} from './gates/provenance.js';
export {type LogLevel, type LogRecord, setLogHandler} from './logging.js';
export {Aigc, type AigcOptions} from './sdk/aigc.js';
export {InvocationBuilder} from './sdk/builder.js';
export {type GovernedOptions, governed, type ModelCall} from './sdk/governed.js';
export {type RetryOptions, withRetry} from './sdk/retry.js';
export {RiskHistory, type Trajectory, TRAJECTORY_DEGRADING, TRAJECTORY_IMPROVING, TRAJECTORY_STABLE} from './sdk/risk-history.js';
export {isOtelAvailable} from './telemetry.js';
export type {JsonlOptions, JsonlSource} from './io/jsonl.js';
export {
  type ErrorTypeExpectation,
  expectFail,
  expectPass,
  type FailExpectation,
  PolicyTestAssertionError,
  PolicyTestCase,
  type PolicyTestCaseInit,
  type PolicyTestResult,
  PolicyTestSuite,
} from './testing/api.js';
