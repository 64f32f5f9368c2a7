// `aigc help [COMMAND...]`: oclif's help for the root, a topic or a command
// (the text of `aigc COMMAND --help`), written to the command's stdout: the
// build's rendering where it is what oclif would print (./start/prerendered-help.ts).
import {format} from 'node:util';
import {Config, Help} from '@oclif/core';
import {packageRoot} from '../package-root.js';
import type {CommandIo} from './command-io.js';
import {ExitCode, usageError} from './exit-codes.js';
import {nearestWord} from '../nearest-word.js';
import {prerenderedHelp} from './start/prerendered-help.js';

/** `words` name a command or topic among `ids` (the command ids, `policy:lint`); none is the root. */
export async function runHelp(words: readonly string[], ids: readonly string[], io: CommandIo): Promise<number> {
  const subject = words.filter((word) => word !== '').join(':');
  const known = new Set(ids.flatMap((id) => id.split(':').map((_, index, parts) => parts.slice(0, index + 1).join(':'))));
  if (subject !== '' && !known.has(subject)) {
    const near = nearestWord(subject, [...known]);
    const hint = near === undefined ? '' : `; did you mean "${near.replaceAll(':', ' ')}"?`;
    throw usageError(`no command or topic "${words.join(' ')}"${hint} (aigc help lists them)`);
  }
  const terminal = {stdout: io.stdout.isTTY === true, stderr: io.stderr.isTTY === true};
  const prerendered = prerenderedHelp([...(subject === '' ? [] : [subject]), '--help'], {env: io.env, terminal});
  if (prerendered !== undefined) {
    io.stdout.write(prerendered);
    return ExitCode.Success;
  }
  const config = await Config.load({root: packageRoot()});
  class CommandIoHelp extends Help {
    protected override log(...args: string[]): void {
      io.stdout.write(`${format(...args)}\n`);
    }

    /** Shown by what the subject is, not through showHelp, which skips the word "help" (so `aigc help help` is help's own). */
    async showSubject(): Promise<void> {
      const command = subject === '' ? undefined : config.findCommand(subject);
      const topic = subject === '' ? undefined : config.findTopic(subject);
      if (command !== undefined) await this.showCommandHelp(command);
      else if (topic !== undefined) await this.showTopicHelp(topic);
      else await this.showRootHelp();
    }
  }
  await new CommandIoHelp(config, config.pjson.oclif.helpOptions).showSubject();
  return ExitCode.Success;
}
