// The coverage reporters, by format name (file formats: ./formats.ts): the
// text summary every coverage run prints, and the files `--coverage-output` writes.
import {type Reporters, reporterTable} from '../registry.js';
import type {CoverageFileFormat} from './formats.js';
import type {CoverageReporter} from './types.js';

export {COVERAGE_FILE_FORMATS, type CoverageFileFormat} from './formats.js';

export const COVERAGE_REPORTERS: Reporters<CoverageFileFormat | 'text', CoverageReporter> = reporterTable({
  text: async () => (await import('./text.js')).coverageTextReporter,
  json: async () => (await import('./json.js')).coverageJsonReporter,
  lcov: async () => (await import('./lcov.js')).coverageLcovReporter,
});

export type * from './types.js';
