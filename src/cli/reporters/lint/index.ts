// The `aigc policy lint` output formats, by name.
import type {FormatSpec} from '../../format.js';
import type {LintReporter} from './types.js';

/** Every lint format, in the order help and usage errors list them. */
export const LINT_FORMATS = ['pretty', 'text', 'json', 'sarif', 'github', 'junit'] as const;

export type LintFormat = (typeof LINT_FORMATS)[number];

/**
 * The reporter of one format, loaded on demand: a run writes one format, and
 * some pull in heavy modules (junit: an XML builder, pretty: code frames) that
 * would otherwise slow every start-up.
 */
export async function loadLintReporter(format: LintFormat): Promise<LintReporter> {
  switch (format) {
    case 'pretty':
      return (await import('./pretty.js')).prettyReporter;
    case 'text':
      return (await import('./text.js')).textReporter;
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif':
      return (await import('./sarif.js')).sarifReporter;
    case 'github':
      return (await import('./github.js')).githubReporter;
    case 'junit':
      return (await import('./junit.js')).junitReporter;
  }
}

/** Format choice for `aigc policy lint`: code frames on a terminal, one line per finding otherwise. */
export const LINT_FORMAT_SPEC: FormatSpec<LintFormat> = {
  allowed: LINT_FORMATS,
  terminalDefault: 'pretty',
  pipeDefault: 'text',
};

export type {LintJsonFile, LintJsonFinding, LintJsonReport} from './json.js';
export type * from './types.js';
