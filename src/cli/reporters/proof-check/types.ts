// What `aigc chain verify-proof` and `aigc chain verify-consistency` hand to
// their reporters: the verdict on one proof, checked offline. Every reporter
// is a pure `(report, options) => string`.
import type {TlogErrorCode} from '../../../audit/tlog/errors.js';
import type {ReporterOptions} from '../registry.js';

export interface ProofCheckWitness {
  name: string;
  /** The witness's verifier key. */
  key: string;
  /** When it cosigned, in seconds since the epoch (0 for a plain Ed25519 cosigner). */
  timestamp: number;
}

export interface ProofCheckReport {
  kind: 'inclusion' | 'consistency';
  /** The proof file as given. */
  proof: string;
  ok: boolean;
  /** Why not, when not ok: a stable code, and one line for people. */
  failure: {code: TlogErrorCode; message: string} | null;
  /** The log, once its checkpoint verified. */
  origin: string | null;
  /** The tree size the proof is against (the newer tree, for consistency). */
  size: number | null;
  /** The root hash of that tree, base64. */
  root: string | null;
  /** Inclusion: the leaf proven. */
  index: number | null;
  /** Consistency: the older tree's size. */
  oldSize: number | null;
  /** The log key that signed the checkpoint (its verifier key). */
  logKey: string | null;
  witnesses: ProofCheckWitness[];
}

export type ProofCheckReporter = (report: ProofCheckReport, options: ReporterOptions) => string;

export type {ReporterOptions};
