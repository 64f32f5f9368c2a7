// Bundles the fast start-up paths of `aigc enforce` (dist/enforce.bundle.cjs
// and its code cache) and `aigc policy test` (dist/policy-test/policy-test.js
// and its chunks), so a cold start loads one module instead of a hundred.
import {spawnSync} from 'node:child_process';
import {build} from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minify: process.env.AIGC_BUNDLE_MINIFY !== "0",
  keepNames: true,
  logLevel: 'warning',
  banner: {js: "import {createRequire as __aigcCreateRequire} from 'node:module'; const require = __aigcCreateRequire(import.meta.url);"},
};

// CommonJS, so bin/enforce-loader.js can compile it as a script with V8's code
// cache (ES modules take no cache on Node 20); import.meta.url (finding package.json
// and the schemas) is the bundle's own URL.
await build({
  ...common,
  entryPoints: ['src/cli/enforce-main.ts'],
  outfile: 'dist/enforce.bundle.cjs',
  format: 'cjs',
  define: {'import.meta.url': '__aigcBundleUrl'},
  banner: {js: "const __aigcBundleUrl = require('node:url').pathToFileURL(__filename).href;"},
});
// The cache is made by running the bundle on the bundled examples.
const cached = spawnSync(process.execPath, ['scripts/enforce-cache.js'], {stdio: ['ignore', 'ignore', 'inherit']});
if (cached.status !== 0) throw new Error(`making dist/enforce.bundle.cache failed (exit ${cached.status ?? cached.signal})`);

// Split: what only some runs need (the live view with ink and React, the JUnit
// writer's XML library, each reporter) is a chunk of its own, loaded when used.
await build({
  ...common,
  entryPoints: {'policy-test': 'src/cli/policy-test-main.ts'},
  outdir: 'dist/policy-test',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // ink loads React's developer tools only when DEV=true; they are not installed.
  external: ['react-devtools-core'],
});
