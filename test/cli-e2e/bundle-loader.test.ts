// bin/bundle-loader.js: the CLI bundle starts from the code cache the build
// made, and a cache that does not belong to the bundle beside it (a stale one
// from another build, a damaged one) is never used: the bundle is compiled
// afresh and decides exactly as it does with its own cache.
import {isAscii} from 'node:buffer';
import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const invocation = JSON.stringify({
  policy_file: join(ROOT, 'policies/support-assistant.yaml'),
  model_provider: 'openai',
  model_identifier: 'gpt-4o',
  role: 'agent',
  input: {question: 'Where is my order?'},
  output: {answer: 'It ships tomorrow.', confidence: 0.92, escalate: false},
  context: {customer_verified: true, ticket_id: 'TCK-004211'},
});

/** A copy of the loader and the bundle (and the given cache bytes, if any) in a folder of their own. */
function install(cache: Buffer | null, bundle = readFileSync(join(ROOT, 'dist/aigc.bundle.cjs'))): string {
  const root = mkdtempSync(join(tmpdir(), 'aigc-loader-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  copyFileSync(join(ROOT, 'bin/bundle-loader.js'), join(root, 'bin/bundle-loader.js'));
  writeFileSync(join(root, 'dist/aigc.bundle.cjs'), bundle);
  writeFileSync(join(root, 'package.json'), '{"type": "module", "version": "0.0.0"}');
  mkdirSync(join(root, 'dist/bundle-cache'));
  if (cache) writeFileSync(join(root, 'dist/bundle-cache/enforce.cache'), cache);
  return root;
}

/** Runs `aigc enforce --now 1700000000` through the loader in `root`: whether V8 took a cache (undefined: none offered), and the artifact. */
function enforceWith(root: string): {cacheTaken: boolean | undefined; artifact: Record<string, unknown>} {
  const program = `
    const {loadBundle} = await import(${JSON.stringify(join(root, 'bin/bundle-loader.js'))});
    const {exports, script} = loadBundle(['enforce', '--now', '1700000000']);
    process.stderr.write(script.cachedDataRejected === undefined ? 'none\\n' : script.cachedDataRejected ? 'rejected\\n' : 'taken\\n');
    await exports.main(['enforce', '--now', '1700000000'], {importModule: (url) => import(url)});`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {input: invocation, encoding: 'utf8'});
  const [cache, ...rest] = run.stderr.split('\n');
  if (run.status !== 0 || rest.join('').trim() !== '') throw new Error(`the loader failed (exit ${run.status}): ${run.stderr}`);
  return {cacheTaken: cache === 'none' ? undefined : cache === 'taken', artifact: JSON.parse(run.stdout)};
}

describe('the CLI bundle loader', () => {
  const built = readFileSync(join(ROOT, 'dist/bundle-cache/enforce.cache'));
  const withBuiltCache = enforceWith(install(built));

  it('starts from the code cache the build made', () => {
    expect(withBuiltCache.cacheTaken).toBe(true);
    expect(withBuiltCache.artifact.enforcement_result).toBe('PASS');
  });

  it('ignores a cache made from another build of the bundle, and decides the same', () => {
    const stale = Buffer.concat([Buffer.from(`${'0'.repeat(64)}\n`, 'latin1'), built.subarray(65)]);
    const run = enforceWith(install(stale));
    expect(run.cacheTaken).toBeUndefined();
    expect(run.artifact).toEqual(withBuiltCache.artifact);
  });

  it('compiles afresh when the cache is damaged or missing, and decides the same', () => {
    const damaged = Buffer.concat([built.subarray(0, 65), Buffer.alloc(4096, 7)]);
    const damagedRun = enforceWith(install(damaged));
    expect(damagedRun.cacheTaken).toBe(false);
    expect(damagedRun.artifact).toEqual(withBuiltCache.artifact);
    const missing = enforceWith(install(null));
    expect(missing.cacheTaken).toBeUndefined();
    expect(missing.artifact).toEqual(withBuiltCache.artifact);
  });

  it('is given an ASCII bundle by the build (read without decoding UTF-8), and reads one that is not as UTF-8', () => {
    const bundle = readFileSync(join(ROOT, 'dist/aigc.bundle.cjs'));
    expect(isAscii(bundle)).toBe(true);
    // A name outside ASCII, in a comment and in a string the bundle returns: both must come through as written.
    const marked = Buffer.concat([bundle, Buffer.from('\n// café\nmodule.exports.marker = "naïve";\n', 'utf8')]);
    const program = `
      const {loadBundle} = await import(${JSON.stringify(join(install(null, marked), 'bin/bundle-loader.js'))});
      process.stdout.write(loadBundle([]).exports.marker);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {encoding: 'utf8'});
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('naïve');
  });
});
