// What `aigc compliance verify-attestation` hands to its reporters: the verdict
// on one attestation of a compliance export. Every reporter is a pure
// `(report, options) => string`.
import type {ComplianceExportPredicate, InputCheckpointStatus} from '../../../audit/tlog/attestation.js';
import type {TlogErrorCode} from '../../../audit/tlog/errors.js';
import type {ReporterOptions} from '../registry.js';

export interface AttestationCheckReport {
  /** The envelope file as given. */
  envelope: string;
  /** The export file as given. */
  export: string;
  ok: boolean;
  failure: {code: TlogErrorCode; message: string} | null;
  /** The export's SHA-256, once it matched the subject. */
  sha256: string | null;
  /** The keys that signed the envelope (verifier keys). */
  signedBy: string[];
  /** The attested predicate, once verified. */
  predicate: ComplianceExportPredicate | null;
  /** The input trails checked against the files given (-i), by attested name. */
  inputsChecked: string[];
  /** Each attested input's checkpoint: verified by the given key, unverified (and why), or none. */
  checkpoints: InputCheckpointStatus[];
}

export type AttestationCheckReporter = (report: AttestationCheckReport, options: ReporterOptions) => string;

export type {ReporterOptions};
