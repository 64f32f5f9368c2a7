// The `aigc policy lint` output formats, by name.
import type {FormatSpec} from '../../format.js';
import {githubReporter} from './github.js';
import {jsonReporter} from './json.js';
import {junitReporter} from './junit.js';
import {prettyReporter} from './pretty.js';
import {sarifReporter} from './sarif.js';
import {textReporter} from './text.js';
import type {LintReporter} from './types.js';

/** Every lint format, in the order help and usage errors list them. */
export const LINT_FORMATS = ['pretty', 'text', 'json', 'sarif', 'github', 'junit'] as const;

export type LintFormat = (typeof LINT_FORMATS)[number];

export const lintReporters: Record<LintFormat, LintReporter> = {
  pretty: prettyReporter,
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  junit: junitReporter,
};

/** Format choice for `aigc policy lint`: code frames on a terminal, one line per finding otherwise. */
export const LINT_FORMAT_SPEC: FormatSpec<LintFormat> = {
  allowed: LINT_FORMATS,
  terminalDefault: 'pretty',
  pipeDefault: 'text',
};

export type {LintJsonFile, LintJsonFinding, LintJsonReport} from './json.js';
export type * from './types.js';
