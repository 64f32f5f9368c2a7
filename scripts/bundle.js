// Bundles the `aigc enforce` fast path into one file (dist/enforce.bundle.js),
// so a pipeline's cold start loads one module instead of a hundred.
import {build} from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  banner: {js: "import {createRequire as __aigcCreateRequire} from 'node:module'; const require = __aigcCreateRequire(import.meta.url);"},
};

await build({...common, entryPoints: ['src/cli/enforce-main.ts'], outfile: 'dist/enforce.bundle.js'});
