// `aigc policy validate`: the reference's two stages per file, lint (YAML and
// schema of the file as written) then a full load as enforcement does it
// (extends, composition restriction, schema of the result, dates).
import {resolve} from 'node:path';
import {AigcError, describeError} from '../errors.js';
import type {PathSegment} from '../jsonschema/index.js';
import type {ProjectConfig} from '../config/types.js';
import {clockAt} from '../pipeline/clock.js';
import {utcDay} from '../policy/dates.js';
import {referenceLintStage} from '../policy/lint/reference-stage.js';
import {fileUnreadable} from '../policy/lint/rules/file-unreadable.js';
import {loadPolicy} from '../policy/loader.js';
import {outputSchemaProblem} from '../policy/output-schema.js';
import {readPolicyFile} from '../policy/read.js';
import type {PyDict} from '../python/values.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {displayText} from './display-text.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode} from './exit-codes.js';
import {policyFilesOf} from './policy-files.js';
import {writeReport} from './output.js';
import {VALIDATE_REPORTERS} from './reporters/validate/index.js';
import type {FileVerdict} from './reporters/validate/types.js';
import type {POLICY_VALIDATE} from './specs/policy-validate.js';
import type {FlagValues} from './start/spec.js';

export type ValidateFlags = FlagValues<(typeof POLICY_VALIDATE)['flags']>;

export async function runValidate(paths: string[], flags: ValidateFlags, io: CommandIo, config?: ProjectConfig): Promise<number> {
  const note = commandNotes(io.stderr, 'policy validate');
  const clock = clockAt(parseNow(flags.now));
  const today = () => utcDay(clock());
  const {checked, missing, notPolicies} = policyFilesOf(paths, io.cwd, config, note, {suites: false});
  if (flags.verbose) for (const entry of notPolicies) note(`${entry.file}: skipped: ${entry.reason}`);
  const verdicts: FileVerdict[] = missing.map((file) => ({file, ok: false, stage: 'lint', errors: [{message: 'file not found'}], unreadable: true}));
  for (const {file} of checked) verdicts.push(validateFile(file, today, io.cwd));
  const reporter = await VALIDATE_REPORTERS[flags.json ? 'json' : 'text']();
  const output = reporter({files: verdicts, print: Boolean(flags.print), skipped: notPolicies}, {color: false, cwd: io.cwd});
  io.stderr.write(displayText(output.stderr));
  await writeReport(output.stdout, {outputFile: flags.output, stdout: io.stdout, cwd: io.cwd});
  // As in `policy lint`: a file that could not be read is an input error, whatever the others gave.
  if (verdicts.some((verdict) => verdict.unreadable)) return ExitCode.Internal;
  return verdicts.every((verdict) => verdict.ok) ? ExitCode.Success : ExitCode.CheckFailed;
}

function validateFile(file: string, today: () => ReturnType<typeof utcDay>, cwd: string): FileVerdict {
  const problems = referenceLintStage(file);
  if (problems.length > 0) {
    const errors = problems.map(({message, range}) => ({message, at: range?.start}));
    const unreadable = problems.some((problem) => problem.ruleId === fileUnreadable.id);
    return {file, ok: false, stage: 'lint', errors, unreadable};
  }
  let policy: PyDict;
  try {
    policy = loadPolicy(file, {today, cwd});
  } catch (error) {
    const message = error instanceof AigcError ? describeError(error) : `Unexpected error: ${(error as Error).message}`;
    return {file, ok: false, stage: 'validate', errors: [{message}], unreadable: false};
  }
  // Where the reference says OK and every enforcement then fails (docs/compatibility.md).
  const problem = outputSchemaProblem(policy);
  if (problem) return {file, ok: false, stage: 'validate', errors: [{message: problem.message, at: placeInFile(file, cwd, problem.path)}], unreadable: false};
  return {file, ok: true, stage: null, errors: [], unreadable: false, policy};
}

/** Where `path` was written in `file` itself (an output_schema inherited from a base was not). */
function placeInFile(file: string, cwd: string, path: PathSegment[]): {line: number; column: number} | undefined {
  const read = readPolicyFile(resolve(cwd, file));
  if (!read.ok || !Object.hasOwn(read.policy, String(path[0]))) return undefined;
  const start = read.document.rangeOf(path)?.start;
  return start && {line: start.line, column: start.column};
}
