// Loads the CLI bundle (dist/aigc.bundle.cjs: the start path and every
// command) with a V8 code cache: the bytecode a run of the same command
// compiled at build time (dist/bundle-cache/NAME.cache, see
// scripts/bundle-cache.js) is read instead of parsing and compiling a megabyte
// of JavaScript at each start. Any cache of the bundle serves any run (what it
// lacks is compiled as needed); the one of the command the words name holds
// just what that command needs. A cache that is missing, made from another
// build of the bundle (its first line names the build) or by another Node.js
// (V8 rejects it) is ignored, and the bundle is compiled as usual.
import {isAscii} from 'node:buffer';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/aigc.bundle.cjs', import.meta.url));
const CACHES = new URL('../dist/bundle-cache/', import.meta.url);
/** The bundle's first line, written by scripts/bundle.js: `// aigc-build ` and 64 hex digits. */
const BUILD_LINE = '// aigc-build ';
/** A cache file starts with the build it was made from (64 hex digits) and a newline. */
const HEADER_LENGTH = 65;

/**
 * The bundle's exports, its compiled script and its source, for the command
 * line `argv` (the words after the program). The script has no module loader
 * for `import()`: `main` is given one.
 */
export function loadBundle(argv, {useCache = true} = {}) {
  const bytes = readFileSync(BUNDLE);
  // The build writes the bundle in ASCII (scripts/bundle.js), which is read as Latin-1 without decoding UTF-8.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData: useCache ? cacheFor(argv, source) : undefined,
  });
  const module = {exports: {}};
  script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return {exports: module.exports, script, source};
}

/** Writes the code cache of a script `loadBundle` compiled (after a run, so it holds what the run compiled). */
export function writeBundleCache(name, script, source) {
  writeFileSync(new URL(`${name}.cache`, CACHES), Buffer.concat([Buffer.from(`${buildOf(source)}\n`, 'latin1'), script.createCachedData()]));
}

/**
 * The caches a command line may use, best first: the one made from a run of
 * the command its words name (`policy lint` → policy-lint), then of its topic
 * or one-word command, then the one made from a start with no command.
 */
export function cacheNames(argv) {
  const words = (argv[0] ?? '').includes(':') ? argv[0].split(':') : argv.slice(0, 2);
  const isWord = (word) => /^[a-z]+$/.test(word ?? '');
  const names = [];
  if (isWord(words[0])) {
    if (isWord(words[1])) names.push(`${words[0]}-${words[1]}`);
    names.push(words[0]);
  }
  names.push('start');
  return names;
}

function cacheFor(argv, source) {
  for (const name of cacheNames(argv)) {
    let data;
    try {
      data = readFileSync(new URL(`${name}.cache`, CACHES));
    } catch {
      continue;
    }
    if (data.length <= HEADER_LENGTH || data.toString('latin1', 0, HEADER_LENGTH - 1) !== buildOf(source)) return undefined;
    return data.subarray(HEADER_LENGTH);
  }
  return undefined;
}

function buildOf(source) {
  return source.startsWith(BUILD_LINE) ? source.slice(BUILD_LINE.length, BUILD_LINE.length + HEADER_LENGTH - 1) : '';
}
