// `aigc version` (also `aigc --version` and `aigc -v`): its help (run: src/cli/version.ts).
import {defineCommand} from '../start/spec.js';

export const VERSION = defineCommand({
  id: 'version',
  summary: 'Print the version of aigc, the platform and the Node.js version.',
  description: `Prints one line, aigc/VERSION PLATFORM-ARCH node-vNODE_VERSION (the same as aigc --version and aigc -v), for bug reports and CI logs.

Exit status: 0.`,
  examples: [
    {description: 'The version', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'The same, as a flag', command: '<%= config.bin %> -v'},
  ],
  args: {},
  flags: {},
});
