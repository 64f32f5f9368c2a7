// `--threads N` (`chain verify`, `enforce`): how many threads a command may
// use, checked the same way everywhere.
import {usageError} from './exit-codes.js';

/** Most threads a command starts. */
export const MAX_THREADS = 64;

/** The `--threads` value (at least 1, as its spec requires), checked against the upper bound. */
export function threadsFlag(count: number): number {
  if (count > MAX_THREADS) throw usageError(`--threads must be a number of threads from 1 to ${MAX_THREADS}, not ${count}`);
  return count;
}
