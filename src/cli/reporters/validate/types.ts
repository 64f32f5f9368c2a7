// What `aigc policy validate` hands to its reporters: each file's verdict.
// Every reporter is a pure `(report, options) => {stdout, stderr}`: the text
// format puts the reasons on stderr, as the reference prints them.
import type {PyDict} from '../../../python/values.js';
import type {ReporterOptions} from '../registry.js';

export interface FileVerdict {
  file: string;
  ok: boolean;
  /** The stage that failed: lint (YAML and schema of the file as written) or validate (the full load). */
  stage: 'lint' | 'validate' | null;
  errors: VerdictError[];
  /** The file could not be read at all (missing, permissions, a folder, too large, not UTF-8). */
  unreadable: boolean;
  /** The effective policy of a valid file. */
  policy?: PyDict;
}

export interface VerdictError {
  message: string;
  /** Where in the file, when known (YAML and schema errors). */
  at?: {line: number; column: number};
}

export interface ValidateReport {
  files: FileVerdict[];
  /** `--print`: the text format shows each valid file's effective policy (json always carries it). */
  print: boolean;
  /** What a folder walk or glob found and did not check, and why (not a policy). */
  skipped?: {file: string; reason: string}[];
}

/** The report for stdout, and the lines for stderr. */
export interface ValidateOutput {
  stdout: string;
  stderr: string;
}

export type ValidateReporter = (report: ValidateReport, options: ReporterOptions) => ValidateOutput;
