// The attestation-check reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {AttestationCheckFormat} from './formats.js';
import type {AttestationCheckReporter} from './types.js';

export const ATTESTATION_CHECK_REPORTERS: Reporters<AttestationCheckFormat, AttestationCheckReporter> = reporterTable({
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
});

export type * from './types.js';
