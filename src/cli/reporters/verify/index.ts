// The `aigc chain verify` output formats, by name.
import type {FormatSpec} from '../../format.js';
import {jsonReporter} from './json.js';
import {prettyReporter} from './pretty.js';
import {textReporter} from './text.js';
import type {VerifyReporter} from './types.js';

/** Every format, in the order help and usage errors list them. */
export const VERIFY_FORMATS = ['pretty', 'text', 'json'] as const;

export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export const verifyReporters: Record<VerifyFormat, VerifyReporter> = {
  pretty: prettyReporter,
  text: textReporter,
  json: jsonReporter,
};

/** Marks and grouping on a terminal, one line per problem otherwise. */
export const VERIFY_FORMAT_SPEC: FormatSpec<VerifyFormat> = {
  allowed: VERIFY_FORMATS,
  terminalDefault: 'pretty',
  pipeDefault: 'text',
};

export type {VerifyJsonFile, VerifyJsonReport} from './json.js';
export type * from './types.js';
