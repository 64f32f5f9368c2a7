// V8's linear-time regex engine (the `l` flag) is off unless the process
// enables it with `--enable-experimental-regexp-engine`. A V8 flag is global
// to the process (its worker threads included), so the library never sets it
// by itself: the `aigc` command does, at start-up, and a program using the
// library may call `enableLinearRegexEngine()`. Without it every pattern is
// still bounded, with a time budget where the linear engine would have run.

import {setFlagsFromString} from 'node:v8';

let available: boolean | undefined;

/** Whether `new RegExp(source, 'l')` works in this process. */
export function linearEngineAvailable(): boolean {
  if (available === undefined) {
    try {
      // biome-ignore lint/complexity/useRegexLiterals: a literal with the `l` flag is a syntax error where the engine is off.
      new RegExp('', 'l');
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Turns on V8's linear-time engine for the whole process, for patterns
 * compiled from now on (V8 reads the flag when a RegExp is created); true
 * when it is on. A RegExp without the `l` flag runs as it did before.
 */
export function enableLinearRegexEngine(): boolean {
  if (linearEngineAvailable()) return true;
  setFlagsFromString('--enable-experimental-regexp-engine');
  available = undefined;
  return linearEngineAvailable();
}
