#!/usr/bin/env -S node --import tsx
// Development entry: the start path of bin/run.js on the TypeScript sources (no build needed).
import {main} from '../src/cli/start/main.ts';

await main(process.argv.slice(2), {importModule: (url) => import(url), development: true});
