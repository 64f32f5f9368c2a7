// Loads the `aigc enforce` bundle (dist/enforce.bundle.cjs) with V8's code
// cache (dist/enforce.bundle.cache, made by the build from a run on the
// bundled examples): the bytecode of everything that run compiled is read
// instead of parsing and compiling half a megabyte of JavaScript at each
// start. A cache that is missing, made from another build of the bundle
// (checked by its SHA-256) or by another Node.js (V8 rejects it) is ignored,
// and the bundle is compiled as usual.
import {readFileSync, writeFileSync} from 'node:fs';
import {hash} from 'node:crypto';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/enforce.bundle.cjs', import.meta.url));
const CACHE = fileURLToPath(new URL('../dist/enforce.bundle.cache', import.meta.url));
/** The cache file starts with the bundle's SHA-256 (hex) and a newline. */
const HEADER_LENGTH = 65;

/**
 * The bundle's exports, its compiled script and its source. The script has no
 * module loader for `import()`: `main` is given one (`importModule`).
 */
export function loadEnforce({useCache = true} = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData: useCache ? cacheFor(source) : undefined,
  });
  const module = {exports: {}};
  script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return {exports: module.exports, script, source};
}

/** Writes the code cache of a script `loadEnforce` compiled (after a run, so it holds what the run compiled). */
export function writeEnforceCache(script, source) {
  writeFileSync(CACHE, Buffer.concat([Buffer.from(`${hash('sha256', source, 'hex')}\n`, 'latin1'), script.createCachedData()]));
}

function cacheFor(source) {
  let data;
  try {
    data = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER_LENGTH || data.toString('latin1', 0, HEADER_LENGTH - 1) !== hash('sha256', source, 'hex')) return undefined;
  return data.subarray(HEADER_LENGTH);
}
