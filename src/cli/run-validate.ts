// `aigc policy validate`: the reference's two stages per file, lint (YAML and
// schema of the file as written) then a full load as enforcement does it
// (extends, composition restriction, schema of the result, dates).
import {stringify} from 'yaml';
import {pyJsonDumps} from '../canonical/dumps.js';
import {AigcError} from '../errors.js';
import {utcDay} from '../policy/dates.js';
import {collectFiles, POLICY_FILES, skippedMessage} from '../files/collect.js';
import {referenceLintStage} from '../policy/lint/reference-stage.js';
import {fileUnreadable} from '../policy/lint/rules/file-unreadable.js';
import {loadPolicy} from '../policy/loader.js';
import {isoDate} from '../python/repr.js';
import {isDict, PyDate, PyDateTime, PyFloat, type PyDict, type PyValue} from '../python/values.js';
import {clockFrom, parseNow} from './clock.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeReport} from './output.js';

export interface ValidateFlags {
  json?: boolean;
  print?: boolean;
  now?: string;
  output?: string;
}

interface FileVerdict {
  file: string;
  ok: boolean;
  stage: 'lint' | 'validate' | null;
  errors: VerdictError[];
  /** The file could not be read at all (missing, permissions, a folder, too large, not UTF-8). */
  unreadable: boolean;
  policy?: PyDict;
}

interface VerdictError {
  message: string;
  /** where in the file, when known (YAML and schema errors) */
  at?: {line: number; column: number};
}

export async function runValidate(paths: string[], flags: ValidateFlags): Promise<number> {
  const clock = clockFrom(parseNow(flags.now));
  const today = () => utcDay(clock());
  const {files, missing, empty, skipped} = collectFiles(paths, POLICY_FILES);
  for (const entry of skipped) process.stderr.write(`aigc policy validate: ${skippedMessage(entry)}\n`);
  if (files.length === 0 && missing.length === 0) throw usageError(`${empty.join(', ')}: no policy files (*.yaml, *.yml) found`);
  for (const path of empty) process.stderr.write(`aigc policy validate: ${path}: no policy files (*.yaml, *.yml) found\n`);
  const verdicts: FileVerdict[] = missing.map((file) => ({file, ok: false, stage: 'lint', errors: [{message: 'file not found'}], unreadable: true}));
  for (const file of files) verdicts.push(validateFile(file, today));
  const text = flags.json ? jsonReport(verdicts) : textReport(verdicts, Boolean(flags.print));
  await writeReport(text, {outputFile: flags.output, stdout: process.stdout});
  // As in `policy lint`: a file that could not be read is an input error, whatever the others gave.
  if (verdicts.some((verdict) => verdict.unreadable)) return ExitCode.Internal;
  return verdicts.every((verdict) => verdict.ok) ? ExitCode.Success : ExitCode.CheckFailed;
}

function validateFile(file: string, today: () => ReturnType<typeof utcDay>): FileVerdict {
  const problems = referenceLintStage(file);
  if (problems.length > 0) {
    const errors = problems.map(({message, range}) => ({message, at: range?.start}));
    const unreadable = problems.some((problem) => problem.ruleId === fileUnreadable.id);
    return {file, ok: false, stage: 'lint', errors, unreadable};
  }
  try {
    const policy = loadPolicy(file, {today});
    return {file, ok: true, stage: null, errors: [], unreadable: false, policy};
  } catch (error) {
    const message = error instanceof AigcError ? error.message : `Unexpected error: ${(error as Error).message}`;
    return {file, ok: false, stage: 'validate', errors: [{message}], unreadable: false};
  }
}

function textReport(verdicts: FileVerdict[], print: boolean): string {
  const lines: string[] = [];
  for (const verdict of verdicts) {
    if (verdict.ok) {
      lines.push(`OK    ${verdict.file}`);
      if (print && verdict.policy) lines.push(stringify(toYamlValue(verdict.policy)).trimEnd());
      continue;
    }
    lines.push(`FAIL  ${verdict.file}${verdict.stage ? ` (${verdict.stage})` : ''}`);
    for (const {message, at} of verdict.errors) {
      const where = at ? `:${at.line}:${at.column}` : '';
      process.stderr.write(`  ${verdict.file}${where}: ${message}\n`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function jsonReport(verdicts: FileVerdict[]): string {
  const files = verdicts.map((verdict) => {
    const entry: PyDict = {
      file: verdict.file,
      ok: verdict.ok,
      stage: verdict.stage,
      errors: verdict.errors.map((error) => error.message),
      locations: verdict.errors.map((error) => (error.at ? {line: error.at.line, column: error.at.column} : null)),
    };
    if (verdict.policy) entry.policy = verdict.policy;
    return entry;
  });
  return `${pyJsonDumps({files, ok: verdicts.every((verdict) => verdict.ok)}, {indent: 2})}\n`;
}

/** The effective policy as plain YAML data (dates as ISO strings). */
function toYamlValue(value: PyValue): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'bigint') return value;
  if (value instanceof PyDate) return isoDate(value);
  if (value instanceof PyDateTime) return isoDate(value);
  if (Array.isArray(value)) return value.map(toYamlValue);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toYamlValue(item)]));
  return value;
}
