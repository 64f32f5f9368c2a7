// The `aigc policy test` output formats, by name. Each reporter is loaded
// when its format is chosen, so a run pays only for the one it writes
// (the JUnit writer's XML library is heavy to load).
import type {FormatSpec} from '../../format.js';
import {TEST_FORMATS, type TestFormat} from './formats.js';
import type {TestReporter} from './types.js';

export {TEST_FORMATS, type TestFormat} from './formats.js';

const LOADERS: Record<TestFormat, () => Promise<TestReporter>> = {
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  tap: async () => (await import('./tap.js')).tapReporter,
  github: async () => (await import('./github.js')).githubReporter,
};

/** The reporter of a format. `pretty` on a terminal outside CI is the live view; written out (to a file, under CI) it is this reporter's text. */
export function loadTestReporter(format: TestFormat): Promise<TestReporter> {
  return LOADERS[format]();
}

export const TEST_FORMAT_SPEC: FormatSpec<TestFormat> = {
  allowed: TEST_FORMATS,
  terminalDefault: 'pretty',
  pipeDefault: 'text',
};

export type * from './types.js';
