// V8's linear-time regex engine (the `l` flag) is off unless the process
// enables it with `--enable-experimental-regexp-engine`. A V8 flag is global
// to the process (its worker threads included), so the library never sets it
// on its own: the `aigc` command allows it at start-up, and a program using
// the library may call `enableLinearRegexEngine()`. The flag is then set when
// a pattern first needs the engine (a long text), so a run that never does
// pays nothing for it. Without it every pattern is still bounded, with a time
// budget where the linear engine would have run.

import {createRequire} from 'node:module';

let allowed = false;
let available: boolean | undefined;

/**
 * Lets aigc turn on V8's linear-time engine for the whole process when a
 * pattern first needs it. A RegExp without the `l` flag runs as before.
 */
export function enableLinearRegexEngine(): void {
  allowed = true;
  if (available === false) available = undefined;
}

/** Whether `new RegExp(source, 'l')` works, turning the engine on first where that is allowed. */
export function linearEngineAvailable(): boolean {
  if (available !== undefined) return available;
  available = probe();
  if (!available && allowed) {
    // Loaded only now: `node:v8` costs a few percent of a short run's start-up.
    const v8 = createRequire(process.execPath)('node:v8') as typeof import('node:v8');
    v8.setFlagsFromString('--enable-experimental-regexp-engine');
    available = probe();
  }
  return available;
}

function probe(): boolean {
  try {
    // biome-ignore lint/complexity/useRegexLiterals: a literal with the `l` flag is a syntax error where the engine is off.
    new RegExp('', 'l');
    return true;
  } catch {
    return false;
  }
}
