// Bundles the `aigc enforce` fast path into one file (dist/enforce.bundle.js),
// so a pipeline's cold start loads one module instead of a hundred.
import {build} from 'esbuild';

await build({
  entryPoints: ['src/cli/enforce-main.ts'],
  outfile: 'dist/enforce.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: {js: "import {createRequire as __aigcCreateRequire} from 'node:module'; const require = __aigcCreateRequire(import.meta.url);"},
});
