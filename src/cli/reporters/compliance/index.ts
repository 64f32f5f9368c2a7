// The `aigc compliance export` output formats, by name.
import type {FormatSpec} from '../../format.js';
import {htmlReporter} from './html.js';
import {jsonReporter} from './json.js';
import {markdownReporter} from './markdown.js';
import type {ComplianceReporter} from './types.js';

/** Every compliance format, in the order help and usage errors list them. */
export const COMPLIANCE_FORMATS = ['json', 'markdown', 'html'] as const;

export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];

export const complianceReporters: Record<ComplianceFormat, ComplianceReporter> = {
  json: jsonReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

/** JSON is the default everywhere, as the reference prints it. */
export const COMPLIANCE_FORMAT_SPEC: FormatSpec<ComplianceFormat> = {
  allowed: COMPLIANCE_FORMATS,
  terminalDefault: 'json',
  pipeDefault: 'json',
};

export type * from './types.js';
