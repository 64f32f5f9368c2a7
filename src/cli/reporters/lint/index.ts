// The `aigc policy lint` reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {LintFormat} from './formats.js';
import type {LintReporter} from './types.js';

export const LINT_REPORTERS: Reporters<LintFormat, LintReporter> = reporterTable({
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  github: async () => (await import('./github.js')).githubReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
});

export type {LintJsonFile, LintJsonFinding, LintJsonReport} from './json.js';
export type * from './types.js';
