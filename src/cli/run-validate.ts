// `aigc policy validate`: the reference's two stages per file, lint (YAML and
// schema of the file as written) then a full load as enforcement does it
// (extends, composition restriction, schema of the result, dates).
import {AigcError} from '../errors.js';
import {collectFiles, POLICY_FILES, skippedMessage} from '../files/collect.js';
import {clockAt} from '../pipeline/clock.js';
import {utcDay} from '../policy/dates.js';
import {referenceLintStage} from '../policy/lint/reference-stage.js';
import {fileUnreadable} from '../policy/lint/rules/file-unreadable.js';
import {loadPolicy} from '../policy/loader.js';
import {parseNow} from './clock.js';
import type {CommandIo} from './command-io.js';
import {displayText} from './display-text.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeReport} from './output.js';
import {VALIDATE_REPORTERS} from './reporters/validate/index.js';
import type {FileVerdict} from './reporters/validate/types.js';
import type {POLICY_VALIDATE} from './specs/policy-validate.js';
import type {FlagValues} from './start/spec.js';

export type ValidateFlags = FlagValues<(typeof POLICY_VALIDATE)['flags']>;

export async function runValidate(paths: string[], flags: ValidateFlags, io: CommandIo): Promise<number> {
  const note = commandNotes(io.stderr, 'policy validate');
  const clock = clockAt(parseNow(flags.now));
  const today = () => utcDay(clock());
  const {files, missing, empty, skipped} = collectFiles(paths, POLICY_FILES, io.cwd);
  for (const entry of skipped) note(skippedMessage(entry));
  if (files.length === 0 && missing.length === 0) throw usageError(`${empty.join(', ')}: no policy files (*.yaml, *.yml) found`);
  for (const path of empty) note(`${path}: no policy files (*.yaml, *.yml) found`);
  const verdicts: FileVerdict[] = missing.map((file) => ({file, ok: false, stage: 'lint', errors: [{message: 'file not found'}], unreadable: true}));
  for (const file of files) verdicts.push(validateFile(file, today, io.cwd));
  const reporter = await VALIDATE_REPORTERS[flags.json ? 'json' : 'text']();
  const output = reporter({files: verdicts, print: Boolean(flags.print)}, {color: false, cwd: io.cwd});
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
  try {
    const policy = loadPolicy(file, {today, cwd});
    return {file, ok: true, stage: null, errors: [], unreadable: false, policy};
  } catch (error) {
    const message = error instanceof AigcError ? error.message : `Unexpected error: ${(error as Error).message}`;
    return {file, ok: false, stage: 'validate', errors: [{message}], unreadable: false};
  }
}
