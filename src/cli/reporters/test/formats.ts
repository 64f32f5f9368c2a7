// The `aigc policy test` formats, by name: read by the command's flags and help
// and by the dispatcher (./index.ts), so a format is added here once.
import type {FormatSpec} from '../../format.js';

const NAMES = ['pretty', 'text', 'json', 'junit', 'tap', 'github'] as const;

export type TestFormat = (typeof NAMES)[number];

/** `pretty` on a terminal (the live view outside CI), `text` otherwise. */
export const TEST_FORMATS: FormatSpec<TestFormat> = {names: NAMES, terminalDefault: 'pretty', pipeDefault: 'text'};
