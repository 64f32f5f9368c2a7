// What `policy lint` and `policy test` read when no PATH is given: the
// project's files, that is the folder of the project config (`.aigc.yaml`,
// found by walking up from the working folder, or --config), whose
// `policies` and `suites` globs then choose among them; without a config,
// the working folder.

import path from 'node:path';
import type {ProjectConfig} from '../config/types.js';

/** The PATH arguments as given, or the one folder to walk when there are none. */
export function pathsOrProject(paths: readonly string[], config: ProjectConfig | undefined, cwd: string): string[] {
  if (paths.length > 0) return [...paths];
  if (config === undefined) return ['.'];
  return [path.relative(cwd, config.folder) || '.'];
}
