// The JSON format: a stable, versioned document for programs. Fields are only
// ever added; `formatVersion` changes if one is ever removed or changes meaning.
import {encodeBase64} from '../../../audit/tlog/encoding.js';
import type {AttestationCheckReport, AttestationCheckReporter} from './types.js';

export const ATTESTATION_CHECK_JSON_FORMAT_VERSION = 1;

export const jsonReporter: AttestationCheckReporter = (report: AttestationCheckReport): string => {
  const checkpoints = report.checkpoints.map(({checkpoint, ...status}) => ({
    ...status,
    checkpoint: checkpoint === undefined ? null : {origin: checkpoint.origin, size: checkpoint.size, root: encodeBase64(checkpoint.root)},
  }));
  return `${JSON.stringify({formatVersion: ATTESTATION_CHECK_JSON_FORMAT_VERSION, ...report, checkpoints}, null, 2)}\n`;
};
