// The base of every aigc command: failures become one clean stderr line and
// the exit code decided in exit-codes.ts (no stack trace unless DEBUG is set).
import {Command} from '@oclif/core';
import {describeFailure} from './exit-codes.js';

export abstract class AigcCommand extends Command {
  protected override async init(): Promise<void> {
    // oclif rethrows every stdout error but EPIPE, as an uncaught exception with a
    // stack trace. Writes report their own failures (src/cli/output.ts), so a
    // failed stdout is an exit-3 message there, and nothing more here.
    process.stdout.removeAllListeners('error');
    process.stdout.on('error', () => undefined);
    await super.init();
  }

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
