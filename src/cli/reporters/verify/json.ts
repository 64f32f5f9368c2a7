// The JSON format: a stable, versioned document for programs. Fields are only
// ever added; `formatVersion` changes if one is ever removed or changes meaning.
import {displayPath} from '../paths.js';
import type {ChainSummary, VerifyProblem, VerifyReport, VerifyReporter, ReporterOptions} from './types.js';

export const VERIFY_JSON_FORMAT_VERSION = 1;

export interface VerifyJsonReport {
  formatVersion: typeof VERIFY_JSON_FORMAT_VERSION;
  valid: boolean;
  /** False when no key was given: signatures were not checked. */
  signaturesChecked: boolean;
  allowUnsigned: boolean;
  problemCount: number;
  /** Problems listed below (at most `--max-errors`). */
  problemsShown: number;
  files: VerifyJsonFile[];
  problems: VerifyProblem[];
}

export interface VerifyJsonFile {
  file: string;
  lines: number;
  artifacts: number;
  unreadableLines: number;
  problemCount: number;
  chains: ChainSummary[];
}

export const jsonReporter: VerifyReporter = (report: VerifyReport, options: ReporterOptions): string =>
  `${JSON.stringify(verifyJsonReport(report, options), null, 2)}\n`;

export function verifyJsonReport(report: VerifyReport, options: ReporterOptions): VerifyJsonReport {
  return {
    formatVersion: VERIFY_JSON_FORMAT_VERSION,
    valid: report.valid,
    signaturesChecked: report.signaturesChecked,
    allowUnsigned: report.allowUnsigned,
    problemCount: report.problemCount,
    problemsShown: report.problems.length,
    files: report.files.map((file) => ({
      file: displayPath(file.file, options.cwd),
      lines: file.lines,
      artifacts: file.artifacts,
      unreadableLines: file.unreadableLines,
      problemCount: file.problemCount,
      chains: file.chains,
    })),
    problems: report.problems.map((problem) => ({...problem, file: displayPath(problem.file, options.cwd)})),
  };
}
