// The `aigc policy lint` formats, by name: read by the command's flags and help
// and by the dispatcher (./index.ts), so a format is added here once.
import type {FormatSpec} from '../../format.js';

const NAMES = ['pretty', 'text', 'json', 'sarif', 'github', 'junit'] as const;

export type LintFormat = (typeof NAMES)[number];

/** Code frames on a terminal, one line per finding otherwise. */
export const LINT_FORMATS: FormatSpec<LintFormat> = {names: NAMES, terminalDefault: 'pretty', pipeDefault: 'text'};
