// The attestation of a fleet report (`chain verify-summaries --attest`): the
// Statement's subject is the report file; its predicate,
// https://aigc.dev/attestations/fleet-report/v1, names each summary merged
// (size and SHA-256 of the bytes read), each trail file as its summary
// describes it (digest, log, checkpoint), the fleet's totals and whether it is
// whole. Signed and opened as every attestation is (../tlog/attestation.ts).

import {
  type Attestation,
  type AttestedFile,
  type AttestedFileWording,
  attestFile,
  checkAttestedFile,
  type InTotoStatement,
  type OpenedAttestation,
  openAttestation,
  type PredicateChecks,
} from '../tlog/attestation.js';
import type {NoteSigner, NoteVerifier} from '../tlog/keys.js';
import type {FleetReport} from './merge.js';
import type {VerifySummary} from './summary.js';

export const FLEET_REPORT_PREDICATE_TYPE = 'https://aigc.dev/attestations/fleet-report/v1';

/** A trail file as a merged summary describes it. */
export interface FleetTrail extends AttestedFile {
  /** The summary (as attested in `summaries`) that describes it. */
  summary: string;
  /** Its log: the number of leaves and the Merkle root (base64). */
  treeSize: number;
  rootHash: string;
  /** The checkpoint beside it when verified: its tree size, and whether the file's log has its root there; null when it had none. */
  checkpoint: {treeSize: number; rootMatches: boolean} | null;
}

export interface FleetTotals {
  files: number;
  artifacts: number;
  chains: number;
  problems: number;
}

/** The predicate of `https://aigc.dev/attestations/fleet-report/v1`. */
export interface FleetReportPredicate {
  /** When the report was made (RFC 3339, UTC). */
  generatedAt: string;
  /** The fleet is whole: no gap, fork, broken link, rewritten file or file with problems. */
  whole: boolean;
  totals: FleetTotals;
  /** The summaries merged, as named on the command line. */
  summaries: AttestedFile[];
  trails: FleetTrail[];
}

export type FleetStatement = InTotoStatement<FleetReportPredicate>;

/** A summary as merged: its name, the SHA-256 and size of the bytes read, and what they hold. */
export interface MergedSummary {
  name: string;
  size: number;
  sha256: string;
  summary: VerifySummary;
}

export interface AttestFleetOptions {
  reportFile: string;
  /** Subject name (default: the report file's base name). */
  subjectName?: string;
  report: FleetReport;
  summaries: readonly MergedSummary[];
  generatedAt: string;
  signer: NoteSigner;
}

/** The predicate about a fleet report made from `summaries`. */
export function fleetReportPredicate(report: FleetReport, summaries: readonly MergedSummary[], generatedAt: string): FleetReportPredicate {
  return {
    generatedAt,
    whole: report.valid,
    totals: {files: report.files, artifacts: report.artifacts, chains: report.chains.length, problems: report.problems.length},
    summaries: summaries.map(({name, size, sha256}) => ({name, size, digest: {sha256}})),
    trails: summaries.flatMap(({name, summary}) =>
      summary.files.map((file) => ({
        name: file.file,
        size: file.size,
        digest: {sha256: file.sha256},
        summary: name,
        treeSize: file.tree_size,
        rootHash: file.root_hash,
        checkpoint: file.checkpoint === null ? null : {treeSize: file.checkpoint.tree_size, rootMatches: file.checkpoint.root_matches},
      })),
    ),
  };
}

/** Hashes the fleet report and signs the Statement about it and its summaries. */
export function attestFleetReport(options: AttestFleetOptions): Promise<Attestation<FleetReportPredicate>> {
  return attestFile({
    subjectFile: options.reportFile,
    subjectName: options.subjectName,
    predicateType: FLEET_REPORT_PREDICATE_TYPE,
    predicate: fleetReportPredicate(options.report, options.summaries, options.generatedAt),
    signer: options.signer,
  });
}

const isAttestedFile = (file: Partial<AttestedFile> | undefined): boolean => typeof file?.name === 'string' && typeof file.size === 'number' && typeof file.digest?.sha256 === 'string';

function isFleetPredicate(value: unknown): boolean {
  const predicate = value as Partial<FleetReportPredicate> | undefined;
  return (
    typeof predicate?.whole === 'boolean' &&
    typeof predicate.totals === 'object' &&
    predicate.totals !== null &&
    Array.isArray(predicate.summaries) &&
    predicate.summaries.every(isAttestedFile) &&
    Array.isArray(predicate.trails) &&
    predicate.trails.every(isAttestedFile)
  );
}

/** The fleet report's predicate type, for openAttestation. */
export const FLEET_REPORT_PREDICATE: PredicateChecks = {[FLEET_REPORT_PREDICATE_TYPE]: isFleetPredicate};

const FLEET_FILE: AttestedFileWording = {role: 'a summary or trail file of the attested fleet report', since: 'the fleet report was made'};

export interface VerifyFleetAttestationOptions {
  /** The subject name expected (default: the report file's base name). */
  subjectName?: string;
  /** Summary or trail files to check against the attestation (size and SHA-256). */
  inputs?: readonly {file: string; name?: string}[];
}

export interface FleetAttestationVerification {
  statement: FleetStatement;
  signedBy: NoteVerifier[];
  /** The summaries and trails checked against files (by attested name). */
  inputsChecked: string[];
}

/**
 * Verifies an attestation of a fleet report: opened as openAttestation does
 * for the fleet predicate type, then each summary or trail file given as
 * attested (`input-mismatch`).
 */
export async function verifyFleetAttestation(
  envelope: string | Uint8Array,
  keys: readonly NoteVerifier[],
  reportFile: string,
  options: VerifyFleetAttestationOptions = {},
): Promise<FleetAttestationVerification> {
  const opened = await openAttestation(envelope, keys, reportFile, {subjectName: options.subjectName, predicates: FLEET_REPORT_PREDICATE});
  return checkFleetAttestation(opened, options);
}

/** The fleet predicate's own checks of an opened attestation: each summary or trail file given. */
export async function checkFleetAttestation(opened: OpenedAttestation, options: VerifyFleetAttestationOptions): Promise<FleetAttestationVerification> {
  const statement = opened.statement as FleetStatement;
  const attested = [...statement.predicate.summaries, ...statement.predicate.trails];
  const inputsChecked: string[] = [];
  for (const input of options.inputs ?? []) inputsChecked.push(await checkAttestedFile(attested, input, FLEET_FILE));
  return {statement, signedBy: opened.signedBy, inputsChecked};
}
