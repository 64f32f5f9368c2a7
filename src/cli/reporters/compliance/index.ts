// The `aigc compliance export` reporters, by format name (names: ./formats.ts).
import {type Reporters, reporterTable} from '../registry.js';
import type {ComplianceFormat} from './formats.js';
import type {ComplianceReporter} from './types.js';

export const COMPLIANCE_REPORTERS: Reporters<ComplianceFormat, ComplianceReporter> = reporterTable({
  json: async () => (await import('./json.js')).jsonReporter,
  markdown: async () => (await import('./markdown.js')).markdownReporter,
  html: async () => (await import('./html.js')).htmlReporter,
});

export type * from './types.js';
