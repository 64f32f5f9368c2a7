// The formats of `aigc compliance verify-attestation`, by name; the dispatcher
// (./index.ts) reads the same names.
import type {FormatSpec} from '../../format.js';

const NAMES = ['text', 'json'] as const;

export type AttestationCheckFormat = (typeof NAMES)[number];

export const ATTESTATION_CHECK_FORMATS: FormatSpec<AttestationCheckFormat> = {names: NAMES, terminalDefault: 'text', pipeDefault: 'text'};
