// The `aigc compliance export` formats, by name: read by the command's flags and
// help and by the dispatcher (./index.ts), so a format is added here once.
import type {FormatSpec} from '../../format.js';

const NAMES = ['json', 'markdown', 'html'] as const;

export type ComplianceFormat = (typeof NAMES)[number];

/** JSON is the default everywhere, as the reference prints it. */
export const COMPLIANCE_FORMATS: FormatSpec<ComplianceFormat> = {names: NAMES, terminalDefault: 'json', pipeDefault: 'json'};
