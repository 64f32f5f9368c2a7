// Where the project config is: the one file a command looks for before it
// runs, apart from the reader (./read.ts), which is loaded only when there is
// a file to read.
import {statSync} from 'node:fs';
import path from 'node:path';
import {CONFIG_FILE_NAMES} from './types.js';

/** The config file in `folder` or the nearest folder above it (absolute), or undefined. */
export function findProjectConfig(folder: string): string | undefined {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (exists(candidate)) return candidate;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
