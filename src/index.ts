// The public library API of aigc: everything a Node program needs to load
// policies, enforce invocations and work with audit artifacts.

export {AuditChain, recomputeChecksum, verifyChain} from './audit/chain.js';
export {AuditLineage, LineageError, LineageGraph, lineageKey} from './audit/lineage.js';
export {
  type AttestFleetOptions,
  attestFleetReport,
  FLEET_REPORT_PREDICATE_TYPE,
  type FleetAttestationVerification,
  type FleetReportPredicate,
  type FleetStatement,
  type FleetTotals,
  type FleetTrail,
  type MergedSummary,
  type VerifyFleetAttestationOptions,
  verifyFleetAttestation,
} from './audit/fleet/attestation.js';
export {
  type AttestComplianceOptions,
  type Attestation,
  type AttestationVerification,
  type AttestedFile,
  type AttestedInput,
  type AttestFileOptions,
  type AttestInput,
  attestComplianceExport,
  attestFile,
  COMPLIANCE_EXPORT_PREDICATE_TYPE,
  type ComplianceAttestation,
  type ComplianceExportPredicate,
  type ComplianceStatement,
  type ComplianceTotals,
  DSSE_PAYLOAD_TYPE_IN_TOTO,
  type DsseEnvelope,
  type DsseSignature,
  dssePae,
  fileDigest,
  IN_TOTO_STATEMENT_V1,
  type InputCheckpointStatus,
  type InTotoStatement,
  type InTotoSubject,
  type OpenAttestationOptions,
  type OpenedAttestation,
  type OpenedDsseEnvelope,
  openAttestation,
  openDsseEnvelope,
  type PredicateChecks,
  signDsseEnvelope,
  type VerifyAttestationOptions,
  verifyComplianceAttestation,
} from './audit/tlog/attestation.js';
export {type VerifiedAttestation, verifyAttestation} from './audit/verify-attestation.js';
export {
  type Checkpoint,
  formatCheckpoint,
  type OpenCheckpointOptions,
  type OpenedCheckpoint,
  openCheckpoint,
  parseCheckpointNote,
  parseCheckpointText,
  type SignCheckpointOptions,
  signCheckpoint,
} from './audit/tlog/checkpoint.js';
export {TlogError, type TlogErrorCode, type TlogErrorDetails} from './audit/tlog/errors.js';
export {
  generateNoteKeyPair,
  type NoteKeyPair,
  type NoteKeyType,
  type NoteSigner,
  type NoteVerifier,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  readSignerKeyFile,
  readVerifierKeyFile,
  type WrittenKeyPair,
  writeNoteKeyPair,
} from './audit/tlog/keys.js';
export {
  type CheckpointToVerify,
  type CheckpointTrailOptions,
  type CheckpointVerification,
  checkpointTrail,
  type LeafSelector,
  type ProveOptions,
  proveTrailConsistency,
  proveTrailLeaf,
  type TileUpdate,
  type TrailCheckpoint,
  type TrailCheckpointsReport,
  type TrailConsistencyProof,
  type TrailInclusionProof,
  trailCheckpointPath,
  updateTrailCheckpoint,
  type VerifyCheckpointsOptions,
  verifyTrailCheckpoints,
} from './audit/tlog/log.js';
export {
  type ConsistencyCheck,
  consistencyPath,
  consistencyProof,
  EMPTY_ROOT,
  type InclusionCheck,
  inclusionPath,
  inclusionProof,
  leafHash,
  MemoryTree,
  merkleRoot,
  nodeHash,
  rootFromInclusionProof,
  type TreeNodeSource,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from './audit/tlog/merkle.js';
export {MAX_NOTE_SIGNATURES, type NoteSignature, type OpenedNote, openNote, type ParsedNote, parseNote, type SignNoteOptions, signNote, type VerifiedNoteSignature} from './audit/tlog/note.js';
export {
  CONSISTENCY_PROOF_HEADER,
  type ConsistencyProofText,
  formatConsistencyProof,
  formatInclusionProof,
  INCLUSION_PROOF_HEADER,
  type InclusionProofText,
  parseConsistencyProof,
  parseInclusionProof,
} from './audit/tlog/proof-text.js';
export {readableTileStore, syncTrailTiles, TILE_HEIGHT, TileStore, type TileStoreState, type TileSyncOptions, type TileSyncResult, tilePath, tileStorePath} from './audit/tlog/tiles.js';
export {artifactLeaf, artifactLeafHash, findTrailLeaf, readTrailTree, type TrailLeaf, type TrailTree, type TrailTreeOptions} from './audit/tlog/trail.js';
export {
  type ConsistencyCheckpoints,
  type ConsistencyVerification,
  type InclusionVerification,
  verifyConsistencyProofText,
  verifyInclusionProofText,
  type WitnessPolicy,
} from './audit/tlog/verify-proofs.js';
export {type Cosignature, type CosignResult, cosignCheckpoint, verifyCosignatures, type WitnessOptions} from './audit/tlog/witness.js';
export {DEFAULT_REDACTION_PATTERNS, type RedactionPattern, redact, redactionPattern} from './audit/redaction.js';
export {type ArtifactSigner, HmacSigner, signArtifact, signaturePayload, verifyArtifact} from './audit/signing.js';
export {
  type AuditSink,
  CallbackAuditSink,
  type GroupCommitSink,
  JsonFileAuditSink,
  type JsonFileSinkOptions,
  type SinkFailureMode,
} from './audit/sinks.js';
export type {Durability} from './audit/durability.js';
export type {TrailBatch} from './audit/trail-writer.js';
export {type DumpsOptions, pyJsonDumps} from './canonical/dumps.js';
export {CanonicalJsonError, canonicalJson, checksum, JsonSyntaxError, parseJson} from './canonical/index.js';
export * from './errors.js';
export {formatLocation, type SourceLocation, type SourcePoint, type SourceRange} from './source-location.js';
export {
  type EnforcementGate,
  type GateResult,
  INSERTION_POINTS,
  INSERTION_POST_AUTHORIZATION,
  INSERTION_POST_OUTPUT,
  INSERTION_PRE_AUTHORIZATION,
  INSERTION_PRE_OUTPUT,
  type InsertionPoint,
} from './gates/custom.js';
export {
  computeRiskScore,
  RISK_MODE_RISK_SCORED,
  RISK_MODE_STRICT,
  RISK_MODE_WARN_ONLY,
  RISK_MODES,
  type RiskBasisEntry,
  type RiskMode,
  type RiskScore,
} from './gates/risk.js';
export {PolicyCache} from './policy/cache.js';
export {
  type BoundedRegex,
  enableLinearRegexEngine,
  PythonRegexError,
  type PythonRegexErrorCode,
  REGEX_BUDGET_MS,
  RegexBudgetError,
} from './python/regex.js';
export {
  COMPOSITION_INTERSECT,
  COMPOSITION_REPLACE,
  COMPOSITION_STRATEGIES,
  COMPOSITION_UNION,
  type CompositionStrategy,
  mergePolicies,
} from './policy/compose.js';
export {type CalendarDay, type DateEvidence, validatePolicyDates} from './policy/dates.js';
export {FilePolicyLoader, type LoadPolicyOptions, loadPolicy, type PolicyLoader} from './policy/loader.js';
export {PyDate, PyDateTime, PyFloat, type PyDict, type PyList, type PyValue} from './python/values.js';
export type {AuditArtifact, Invocation, InvocationContext, InvocationInput, InvocationOutput, Policy, PolicyCoverageReport, ToolCall} from './types/generated/index.js';
export {decide, type Decision, type EnforceOptions, enforceInvocation as enforce, enforceInvocation} from './pipeline/enforce.js';
export {
  type ConditionOutcome,
  type DateWindowOutcome,
  type EnforcementObserver,
  IgnoringObserver,
  type ToolOutcome,
} from './enforcement-observer.js';
export {
  type CoverageReport,
  type CoverageReportOptions,
  type CoverageTotals,
  CoverageCollector,
  coveragePercent,
  coverageReport,
  type ElementCoverage,
  type ElementKind,
  type FileCoverage,
  meetsThreshold,
  type Outcome,
  type PolicyElement,
} from './testing/coverage/index.js';
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
