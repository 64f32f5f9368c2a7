// oclif's `command_not_found` hook: an unknown command is a usage error
// (exit 2) told in one line like every other, instead of oclif's banner.
import type {Hook} from '@oclif/core';
import {ExitCode} from '../exit-codes.js';

const commandNotFound: Hook<'command_not_found'> = async function ({id}) {
  // oclif joins the words up to the first flag, arguments included: name the topics and the one word after them.
  const topics = new Set(this.config.topics.map((topic) => topic.name));
  const words = id.split(':');
  let length = 1;
  while (length < words.length && topics.has(words.slice(0, length).join(':'))) length++;
  const command = words.slice(0, length).join(' ');
  process.stderr.write(`aigc: unknown command "${command}"; see "aigc --help" for the commands\n`);
  process.exitCode = ExitCode.Usage;
};

export default commandNotFound;
