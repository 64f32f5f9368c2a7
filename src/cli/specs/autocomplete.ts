// `aigc autocomplete`: its help and argument (run: src/cli/completion.ts).
import {defineCommand} from '../start/spec.js';

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;

export const AUTOCOMPLETE = defineCommand({
  id: 'autocomplete',
  summary: 'Print a shell completion script for bash or zsh.',
  description: `Prints a script that completes aigc's topics, commands, flags and the values of flags that take one of a few values (--format, --durability, …), and file names elsewhere. It is generated from the commands themselves, so it matches this version of aigc: regenerate it after an upgrade.

bash: add  source <(aigc autocomplete bash)  to ~/.bashrc.
zsh: add  source <(aigc autocomplete zsh)  to ~/.zshrc (after compinit), or write the script to a file named _aigc in a folder of $fpath (~/.zsh/completions below, when it is in $fpath).

Exit status: 0 script printed, 2 another shell.`,
  examples: [
    {description: 'Completion in the current bash session', command: 'source <(<%= config.bin %> <%= command.id %> bash)'},
    {description: 'Install for zsh', command: '<%= config.bin %> <%= command.id %> zsh > ~/.zsh/completions/_aigc'},
  ],
  args: {shell: {description: 'The shell the script is for.', required: true, options: COMPLETION_SHELLS}},
  flags: {},
});
