// Whether a path names anything: only "no such file" is false; any other
// failure (permissions, I/O) is thrown as it came, for the caller to word.

import {lstat, stat} from 'node:fs/promises';

/** Whether something stands at `path`; with `followLinks` false a dangling link counts. */
export async function pathExists(path: string, followLinks = true): Promise<boolean> {
  try {
    await (followLinks ? stat : lstat)(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
