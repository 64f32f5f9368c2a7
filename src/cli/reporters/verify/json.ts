// The JSON format: a stable, versioned document for programs. Fields are only
// ever added; `formatVersion` changes if one is ever removed or changes meaning.
import {displayPath} from '../paths.js';
import {encodeBase64} from '../../../audit/tlog/encoding.js';
import type {ChainSummary, ChainVerifyReport, CheckpointVerification, ReporterOptions, VerifyProblem, VerifyReporter} from './types.js';

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
  /** With --checkpoint: each checkpoint's verdict against the trail. */
  checkpoints?: VerifyJsonCheckpoints;
}

export interface VerifyJsonCheckpoints {
  file: string;
  leavesRead: number;
  results: VerifyJsonCheckpoint[];
}

export interface VerifyJsonCheckpoint {
  /** The checkpoint file as given. */
  source: string;
  ok: boolean;
  /** Why not (a stable code and a line for people); null when ok. */
  code: string | null;
  message: string | null;
  /** What the checkpoint says, once it could be read (even when it does not verify). */
  origin: string | null;
  size: number | null;
  /** base64 */
  root: string | null;
  /** The verifier key that signed it, once verified. */
  logKey: string | null;
  cosignatures: {name: string; key: string; timestamp: number}[];
}

export interface VerifyJsonFile {
  file: string;
  lines: number;
  artifacts: number;
  unreadableLines: number;
  problemCount: number;
  chains: ChainSummary[];
}

export const jsonReporter: VerifyReporter = (report: ChainVerifyReport, options: ReporterOptions): string =>
  `${JSON.stringify(verifyJsonReport(report, options), null, 2)}\n`;

export function verifyJsonReport(report: ChainVerifyReport, options: ReporterOptions): VerifyJsonReport {
  const document: VerifyJsonReport = {
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
  if (report.checkpoints !== undefined) {
    const {file, leavesRead, results} = report.checkpoints;
    document.checkpoints = {file: displayPath(file, options.cwd), leavesRead, results: results.map((result) => checkpointJson(result, options.cwd))};
  }
  return document;
}

function checkpointJson(result: CheckpointVerification, cwd?: string): VerifyJsonCheckpoint {
  return {
    source: displayPath(result.source, cwd),
    ok: result.ok,
    code: result.code ?? null,
    message: result.message ?? null,
    origin: result.checkpoint?.origin ?? null,
    size: result.checkpoint?.size ?? null,
    root: result.checkpoint === undefined ? null : encodeBase64(result.checkpoint.root),
    logKey: result.logKey ?? null,
    cosignatures: (result.cosignatures ?? []).map(({witness, timestamp}) => ({name: witness.name, key: witness.verifierKey, timestamp})),
  };
}
