#!/usr/bin/env node
// Production entry. Every command line starts from one pre-built bundle,
// compiled with V8's code cache (./bundle-loader.js), where it is parsed and
// run, or rendered by oclif (help, the version): src/cli/start/main.ts.
import {loadBundle} from './bundle-loader.js';

let bundle;
try {
  bundle = loadBundle(process.argv.slice(2));
} catch (error) {
  // A checkout that was never built (or whose build was cleaned) has no
  // bundle: say so in one line, not with Node's stack trace.
  if (error?.code !== 'ENOENT' || !String(error.path ?? '').endsWith('aigc.bundle.cjs')) throw error;
  process.stderr.write(`aigc: this copy of aigc is not built (${error.path} is missing); run npm run build in its folder\n`);
  process.exit(3);
}
// ES modules (a --gate module, a view built on ink) are imported from here: the bundle runs as a script with no module loader.
// Worker threads start from the bundle too (./bundle-worker.js), with the same code cache.
await bundle.exports.main(process.argv.slice(2), {importModule: (url) => import(url), workerEntry: new URL('./bundle-worker.js', import.meta.url)});
