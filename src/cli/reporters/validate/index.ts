// The `aigc policy validate` reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {ValidateFormat} from './formats.js';
import type {ValidateReporter} from './types.js';

export const VALIDATE_REPORTERS: Reporters<ValidateFormat, ValidateReporter> = reporterTable({
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
});

export type * from './types.js';
