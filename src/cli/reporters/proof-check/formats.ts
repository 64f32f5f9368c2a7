// The formats of `aigc chain verify-proof` and `aigc chain verify-consistency`,
// by name; the dispatcher (./index.ts) reads the same names.
import type {FormatSpec} from '../../format.js';

const NAMES = ['text', 'json'] as const;

export type ProofCheckFormat = (typeof NAMES)[number];

export const PROOF_CHECK_FORMATS: FormatSpec<ProofCheckFormat> = {names: NAMES, terminalDefault: 'text', pipeDefault: 'text'};
