// The `aigc policy validate` formats, by name: `--json` chooses json, text
// otherwise; the dispatcher (./index.ts) reads the same names.
import type {FormatSpec} from '../../format.js';

const NAMES = ['text', 'json'] as const;

export type ValidateFormat = (typeof NAMES)[number];

export const VALIDATE_FORMATS: FormatSpec<ValidateFormat> = {names: NAMES, terminalDefault: 'text', pipeDefault: 'text'};
