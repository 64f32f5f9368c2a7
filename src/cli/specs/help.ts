// `aigc help`: its help and arguments (run: src/cli/run-help.ts).
import {defineCommand} from '../start/spec.js';

export const HELP = defineCommand({
  id: 'help',
  summary: 'Show help for aigc, a topic or a command.',
  description: `With no COMMAND, lists the topics and commands. With the words of a command or topic (policy lint, chain), shows its usage, flags and examples: the same text as aigc COMMAND --help.

Exit status: 0 help shown, 2 no command or topic has these words.`,
  examples: [
    {description: 'List the commands', command: '<%= config.bin %> <%= command.id %>'},
    {description: "A command's flags and examples", command: '<%= config.bin %> <%= command.id %> policy lint'},
  ],
  args: {command: {description: 'The words of a command or topic (several words: policy lint).'}},
  variadic: true,
  flags: {},
});
