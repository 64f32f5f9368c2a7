// The error a compliance report ends with when a valid artifact cannot be
// counted in its lineage, naming the trail and line.

import type {SourceLocation} from '../source-location.js';

/**
 * A valid artifact that cannot be placed in the lineage: it has no canonical
 * form (NaN, Infinity, lone surrogates: `COMPLIANCE_LINEAGE_KEY`), or it would
 * pass the bound on the lineage's size (`COMPLIANCE_LINEAGE_BOUND`).
 */
export class ComplianceDataError extends Error {
  override name = 'ComplianceDataError';
  constructor(
    message: string,
    /** The trail and the line of the artifact. */
    readonly sourceLocation: SourceLocation,
    readonly code: 'COMPLIANCE_LINEAGE_KEY' | 'COMPLIANCE_LINEAGE_BOUND' = 'COMPLIANCE_LINEAGE_KEY',
  ) {
    super(message);
  }
}
