// The `aigc chain verify` formats, by name: read by the command's flags and help
// and by the dispatcher (./index.ts), so a format is added here once.
import type {FormatSpec} from '../../format.js';

const NAMES = ['pretty', 'text', 'json'] as const;

export type VerifyFormat = (typeof NAMES)[number];

/** Marks and grouping on a terminal, one line per problem otherwise. */
export const VERIFY_FORMATS: FormatSpec<VerifyFormat> = {names: NAMES, terminalDefault: 'pretty', pipeDefault: 'text'};
