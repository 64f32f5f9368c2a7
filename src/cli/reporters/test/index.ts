// The `aigc policy test` reporters, by format name (names: ./formats.ts).
// `pretty` on a terminal outside CI is the live view; written out (to a file,
// under CI) it is this reporter's text.
import {type Reporters, reporterTable} from '../registry.js';
import type {TestFormat} from './formats.js';
import type {TestReporter} from './types.js';

export const TEST_REPORTERS: Reporters<TestFormat, TestReporter> = reporterTable({
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  tap: async () => (await import('./tap.js')).tapReporter,
  github: async () => (await import('./github.js')).githubReporter,
});

export type * from './types.js';
