// The project config's `policies` and `suites`: which files a folder walk
// takes as being of that kind, by glob patterns relative to the config
// file's folder (picomatch, the matcher fast-glob uses).

import path from 'node:path';
import picomatch from 'picomatch';
import type {ProjectConfig} from './types.js';

/** Tells whether an absolute path is in a file set. */
export type FileSetTest = (absolute: string) => boolean;

/** The test of `policies` or `suites`; undefined when the config does not set it. */
export function fileSetTest(config: ProjectConfig | undefined, kind: 'policies' | 'suites'): FileSetTest | undefined {
  const set = config?.settings[kind];
  if (set === undefined) return undefined;
  const include = picomatch(set.include ?? ['**'], {dot: true});
  const exclude = set.exclude === undefined || set.exclude.length === 0 ? () => false : picomatch(set.exclude, {dot: true});
  return (absolute) => {
    const relative = path.relative(config!.folder, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const posix = relative.split(path.sep).join('/');
    return include(posix) && !exclude(posix);
  };
}
