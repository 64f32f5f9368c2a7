// The base of every aigc command: failures become one clean stderr line and
// the exit code decided in exit-codes.ts (no stack trace unless DEBUG is set).
import {Command} from '@oclif/core';
import {describeFailure} from './exit-codes.js';

export abstract class AigcCommand extends Command {
  protected override async catch(error: Error & {exitCode?: number}): Promise<void> {
    const report = describeFailure(error, process.env);
    if (report.stderr) process.stderr.write(report.stderr);
    process.exitCode = report.exitCode;
  }

  /** Ends the command with an exit code, without an error message. */
  protected setExitCode(code: number): void {
    process.exitCode = code;
  }
}
