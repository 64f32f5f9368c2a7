// The JSON format: a stable, versioned document for programs. Fields are only
// ever added; `formatVersion` changes if one is ever removed or changes meaning.
import type {ProofCheckReport, ProofCheckReporter} from './types.js';

export const PROOF_CHECK_JSON_FORMAT_VERSION = 1;

export type ProofCheckJsonReport = {formatVersion: typeof PROOF_CHECK_JSON_FORMAT_VERSION} & ProofCheckReport;

export const jsonReporter: ProofCheckReporter = (report: ProofCheckReport): string =>
  `${JSON.stringify({formatVersion: PROOF_CHECK_JSON_FORMAT_VERSION, ...report} satisfies ProofCheckJsonReport, null, 2)}\n`;
