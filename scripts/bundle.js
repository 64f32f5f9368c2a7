// Bundles the fast start-up paths of `aigc enforce` (dist/enforce.bundle.js)
// and `aigc policy test` (dist/policy-test/policy-test.js and its chunks), so
// a cold start loads one module instead of a hundred.
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

await build({...common, entryPoints: ['src/cli/enforce-main.ts'], outfile: 'dist/enforce.bundle.js'});

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
