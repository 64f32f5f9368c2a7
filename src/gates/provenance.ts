// ProvenanceGate: a built-in custom gate (before output validation) requiring
// source attribution in `context.provenance.source_ids`.

import {isDict, type PyDict} from '../python/values.js';
import type {EnforcementGate, GateResult} from './custom.js';

export const PROVENANCE_MISSING = 'PROVENANCE_MISSING';
export const SOURCE_IDS_MISSING = 'SOURCE_IDS_MISSING';

export class ProvenanceGate implements EnforcementGate {
  readonly name = 'provenance_gate';
  readonly insertionPoint = 'pre_output' as const;
  readonly requireSourceIds: boolean;

  constructor(options: {requireSourceIds?: boolean} = {}) {
    this.requireSourceIds = options.requireSourceIds ?? true;
  }

  evaluate(invocation: Readonly<PyDict>): GateResult {
    if (!this.requireSourceIds) return {passed: true};
    const context = invocation.context;
    const provenance = isDict(context) ? context.provenance : undefined;
    if (!isDict(provenance) || Object.keys(provenance).length === 0) {
      return fail(
        PROVENANCE_MISSING,
        'ProvenanceGate: no provenance in invocation context; output requires source attribution',
        'context.provenance',
      );
    }
    const sourceIds = provenance.source_ids;
    if (!Array.isArray(sourceIds) || sourceIds.length === 0) {
      return fail(
        SOURCE_IDS_MISSING,
        'ProvenanceGate: provenance has no source_ids; output requires at least one source identifier',
        'context.provenance.source_ids',
      );
    }
    if (!sourceIds.every((id) => typeof id === 'string' && id.length > 0)) {
      return fail(
        SOURCE_IDS_MISSING,
        'ProvenanceGate: source_ids must contain only non-empty strings; output requires at least one valid source identifier',
        'context.provenance.source_ids',
      );
    }
    return {passed: true};
  }
}

function fail(code: string, message: string, field: string): GateResult {
  return {passed: false, failures: [{code, message, field}]};
}
