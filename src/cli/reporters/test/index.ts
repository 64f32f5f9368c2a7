// The `aigc policy test` output formats, by name.
import type {FormatSpec} from '../../format.js';
import {githubReporter} from './github.js';
import {jsonReporter} from './json.js';
import {junitReporter} from './junit.js';
import {prettyReporter} from './pretty.js';
import {tapReporter} from './tap.js';
import {textReporter} from './text.js';
import type {TestReporter} from './types.js';

/** Every test format, in the order help and usage errors list them. */
export const TEST_FORMATS = ['pretty', 'text', 'json', 'junit', 'tap', 'github'] as const;

export type TestFormat = (typeof TEST_FORMATS)[number];

/** `pretty` on a terminal outside CI is the live view; written out (to a file, under CI) it is this reporter's text. */
export const testReporters: Record<TestFormat, TestReporter> = {
  pretty: prettyReporter,
  text: textReporter,
  json: jsonReporter,
  junit: junitReporter,
  tap: tapReporter,
  github: githubReporter,
};

export const TEST_FORMAT_SPEC: FormatSpec<TestFormat> = {
  allowed: TEST_FORMATS,
  terminalDefault: 'pretty',
  pipeDefault: 'text',
};

export type * from './types.js';
