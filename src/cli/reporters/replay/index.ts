// The `aigc replay` output formats, by name.
import type {FormatSpec} from '../../format.js';
import {jsonReporter} from './json.js';
import {textReporter} from './text.js';
import type {ReplayReporter} from './types.js';

export const REPLAY_FORMATS = ['text', 'json'] as const;

export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

export const replayReporters: Record<ReplayFormat, ReplayReporter> = {text: textReporter, json: jsonReporter};

export const REPLAY_FORMAT_SPEC: FormatSpec<ReplayFormat> = {allowed: REPLAY_FORMATS, terminalDefault: 'text', pipeDefault: 'text'};

export type * from './types.js';
