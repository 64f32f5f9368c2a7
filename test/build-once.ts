// Global setup of the end-to-end CLI tests: they run the built CLI
// (`node bin/run.js`), so build it once, and only when dist/ is missing or
// older than a source it is built from. AIGC_E2E_NO_BUILD=1 runs whatever
// dist/ holds (for a build made by hand).
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What `npm run build` reads; a change to any of them makes dist/ stale. */
const BUILD_INPUTS = ['src', 'commands', 'schemas', 'bin', 'scripts/clean.js', 'scripts/bundle.js', 'scripts/bundle-cache.js', 'scripts/manifest.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** What the build leaves behind; the manifest is written last. */
const BUILD_OUTPUTS = ['dist/commands', 'dist/aigc.bundle.cjs', 'dist/bundle-cache/enforce.cache', 'oclif.manifest.json'];
const LAST_OUTPUT = 'oclif.manifest.json';

export default function setup(): void {
  if (process.env.AIGC_E2E_NO_BUILD === '1' || !isBuildStale()) return;
  execFileSync('npm', ['run', 'build'], {cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit']});
}

function isBuildStale(): boolean {
  if (BUILD_OUTPUTS.some((output) => !existsSync(join(ROOT, output)))) return true;
  const builtAt = statSync(join(ROOT, LAST_OUTPUT)).mtimeMs;
  return BUILD_INPUTS.some((input) => newestChange(join(ROOT, input)) > builtAt);
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}
