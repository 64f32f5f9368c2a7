// The proof-check reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {ProofCheckFormat} from './formats.js';
import type {ProofCheckReporter} from './types.js';

export const PROOF_CHECK_REPORTERS: Reporters<ProofCheckFormat, ProofCheckReporter> = reporterTable({
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
});

export type * from './types.js';
