// What `aigc compliance verify-attestation` hands to its reporters: the verdict
// on one attestation, of a compliance export or of a fleet report. Every
// reporter is a pure `(report, options) => string`.
import type {FLEET_REPORT_PREDICATE_TYPE, FleetReportPredicate} from '../../../audit/fleet/attestation.js';
import type {COMPLIANCE_EXPORT_PREDICATE_TYPE, ComplianceExportPredicate, InputCheckpointStatus} from '../../../audit/tlog/attestation.js';
import type {TlogErrorCode} from '../../../audit/tlog/errors.js';
import type {ReporterOptions} from '../registry.js';

/** The attested predicate, once verified, by its type; both null before. */
export type AttestedPredicate =
  | {predicateType: typeof COMPLIANCE_EXPORT_PREDICATE_TYPE; predicate: ComplianceExportPredicate}
  | {predicateType: typeof FLEET_REPORT_PREDICATE_TYPE; predicate: FleetReportPredicate}
  | {predicateType: null; predicate: null};

export type AttestationCheckReport = AttestedPredicate & {
  /** The envelope file as given. */
  envelope: string;
  /** The attested file (an export or a fleet report) as given. */
  export: string;
  ok: boolean;
  failure: {code: TlogErrorCode; message: string} | null;
  /** The file's SHA-256, once it matched the subject. */
  sha256: string | null;
  /** The keys that signed the envelope (verifier keys). */
  signedBy: string[];
  /** The files checked against those given (-i), by attested name: input trails of an export; summaries or trails of a fleet report. */
  inputsChecked: string[];
  /** Each attested input's checkpoint: verified by the given key, unverified (and why), or none (none for a fleet report, whose summaries carry no checkpoint note). */
  checkpoints: InputCheckpointStatus[];
};

export type AttestationCheckReporter = (report: AttestationCheckReport, options: ReporterOptions) => string;

export type {ReporterOptions};
