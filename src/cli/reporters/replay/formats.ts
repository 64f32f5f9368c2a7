// The `aigc replay` formats, by name: read by the command's flags and help and
// by the dispatcher (./index.ts), so a format is added here once.
import type {FormatSpec} from '../../format.js';

const NAMES = ['text', 'json'] as const;

export type ReplayFormat = (typeof NAMES)[number];

export const REPLAY_FORMATS: FormatSpec<ReplayFormat> = {names: NAMES, terminalDefault: 'text', pipeDefault: 'text'};
