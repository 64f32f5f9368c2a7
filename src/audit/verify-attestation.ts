// Verifying an attestation of either kind aigc writes (a compliance export or
// a fleet report) with one opening: the predicate type the Statement carries
// decides which checks follow, and the result says which it was.

import {checkFleetAttestation, FLEET_REPORT_PREDICATE, FLEET_REPORT_PREDICATE_TYPE, type FleetAttestationVerification} from './fleet/attestation.js';
import {
  type AttestationVerification,
  COMPLIANCE_EXPORT_PREDICATE,
  COMPLIANCE_EXPORT_PREDICATE_TYPE,
  checkComplianceAttestation,
  openAttestation,
  type VerifyAttestationOptions,
} from './tlog/attestation.js';
import type {NoteVerifier} from './tlog/keys.js';

export type VerifiedAttestation =
  | ({predicateType: typeof COMPLIANCE_EXPORT_PREDICATE_TYPE} & AttestationVerification)
  | ({predicateType: typeof FLEET_REPORT_PREDICATE_TYPE} & FleetAttestationVerification);

/**
 * Verifies an attestation of `file`, a compliance export or a fleet report:
 * signature, Statement and subject as openAttestation checks them, then the
 * inputs given (trails of an export; summaries or trails of a fleet report)
 * and, for an export, each input's checkpoint with `logKeys`.
 */
export async function verifyAttestation(envelope: string | Uint8Array, keys: readonly NoteVerifier[], file: string, options: VerifyAttestationOptions = {}): Promise<VerifiedAttestation> {
  const opened = await openAttestation(envelope, keys, file, {subjectName: options.subjectName, predicates: {...COMPLIANCE_EXPORT_PREDICATE, ...FLEET_REPORT_PREDICATE}});
  if (opened.statement.predicateType === FLEET_REPORT_PREDICATE_TYPE) return {predicateType: FLEET_REPORT_PREDICATE_TYPE, ...(await checkFleetAttestation(opened, options))};
  return {predicateType: COMPLIANCE_EXPORT_PREDICATE_TYPE, ...(await checkComplianceAttestation(opened, options))};
}
