// What oclif renders from the manifest: help, the version and a topic's
// commands (and, under --help, its own word on a command it does not know).
import {execute} from '@oclif/core';
import {packageRoot} from '../../package-root.js';

/** `development`: the commands are read from their TypeScript sources (bin/dev.js). */
export async function renderWithOclif(argv: readonly string[], development: boolean): Promise<void> {
  await execute({args: [...argv], dir: packageRoot(), development});
}
