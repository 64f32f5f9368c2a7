#!/usr/bin/env node
// Production entry. Every command line starts from one pre-built bundle,
// compiled with V8's code cache (./bundle-loader.js), where it is parsed and
// run, or rendered by oclif (help, the version): src/cli/start/main.ts.
import {loadBundle} from './bundle-loader.js';

// ES modules (a --gate module, a view built on ink) are imported from here: the bundle runs as a script with no module loader.
await loadBundle(process.argv.slice(2)).exports.main(process.argv.slice(2), {importModule: (url) => import(url)});
