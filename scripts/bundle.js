// Bundles the CLI (src/cli/start/main.ts: the start path, every command and
// oclif for help) into dist/aigc.bundle.cjs and makes its code caches
// (scripts/bundle-cache.js), so a cold start loads one compiled script instead
// of a few hundred modules.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFile, writeFile} from 'node:fs/promises';
import {relative} from 'node:path';
import {build} from 'esbuild';

/**
 * `import.meta.url` in each bundled module is the URL of that module's own
 * build in dist/src/, so what is found beside a module (the schemas, the
 * package.json, a worker script, a view built on ink) is found as it is
 * outside the bundle.
 */
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({filter: /\/src\/.*\.tsx?$/}, async ({path}) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const built = relative(process.cwd(), path).replace(/\.tsx?$/, '.js');
      return {contents: source.replaceAll('import.meta.url', `__aigcModuleUrl(${JSON.stringify(built)})`), loader: path.endsWith('x') ? 'tsx' : 'ts'};
    });
  },
};

// CommonJS, so bin/bundle-loader.js can compile it as a script with V8's code
// cache (ES modules take no cache on Node 20).
await build({
  entryPoints: ['src/cli/start/main.ts'],
  outfile: 'dist/aigc.bundle.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: process.env.AIGC_BUNDLE_MINIFY !== '0',
  keepNames: true,
  logLevel: 'warning',
  external: [
    // ES modules with top-level await: the views built on them are imported at run time, from dist/src/cli/ui/.
    'ink',
    'react',
    'react/jsx-runtime',
    // Loaded by one format each (junit, lint's pretty), from node_modules when chosen: a third of the bundle otherwise.
    'xmlbuilder2',
    '@babel/code-frame',
    // oclif reads TypeScript sources only in development (bin/dev.js).
    'typescript',
    // An optional dependency with a native binary, required when a dataset command runs (src/dataset/duckdb.ts).
    '@duckdb/node-api',
  ],
  // The first line names the build, so a code cache is used only with the bundle it was made from.
  banner: {
    js: `// aigc-build ${randomBytes(32).toString('hex')}\nconst __aigcModuleUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;`,
  },
  plugins: [moduleUrls],
});
// ASCII throughout, so the loader reads it without decoding UTF-8 (a few
// milliseconds of every start): esbuild escapes what is outside ASCII in
// strings and names, not in regular expression literals, where \uXXXX means
// the same code unit (with or without the u flag, a pair of them the same
// code point).
const bundle = await readFile('dist/aigc.bundle.cjs', 'utf8');
const escaped = bundle.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
if (escaped !== bundle) await writeFile('dist/aigc.bundle.cjs', escaped);
// The caches are made by running the bundle on the bundled examples.
const cached = spawnSync(process.execPath, ['scripts/bundle-cache.js'], {stdio: 'inherit'});
if (cached.status !== 0) throw new Error(`making the bundle's code caches failed (exit ${cached.status ?? cached.signal})`);
