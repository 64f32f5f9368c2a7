// The `aigc chain verify` reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {VerifyFormat} from './formats.js';
import type {VerifyReporter} from './types.js';

export const VERIFY_REPORTERS: Reporters<VerifyFormat, VerifyReporter> = reporterTable({
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
});

export type {VerifyJsonFile, VerifyJsonReport} from './json.js';
export type * from './types.js';
