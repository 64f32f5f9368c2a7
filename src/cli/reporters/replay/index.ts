// The `aigc replay` reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {ReplayFormat} from './formats.js';
import type {ReplayReporter} from './types.js';

export const REPLAY_REPORTERS: Reporters<ReplayFormat, ReplayReporter> = reporterTable({
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
});

export type * from './types.js';
