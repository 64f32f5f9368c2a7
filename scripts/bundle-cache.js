// Makes the code caches of the CLI bundle (dist/bundle-cache/NAME.cache, see
// bin/bundle-loader.js): for each command, a fresh process compiles the bundle
// without a cache, runs the command on the bundled examples (so what the run
// compiles is in the cache, not only the top level), and saves the compiled
// script. Run by scripts/bundle.js from the project root.
//
//   node scripts/bundle-cache.js              every cache
//   node scripts/bundle-cache.js NAME ARGV…   one cache, from one run (stdout discarded)
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadBundle, writeBundleCache} from '../bin/bundle-loader.js';

const [name, ...argv] = process.argv.slice(2);
if (name === undefined) makeAll();
else await makeOne(name, argv);

function makeAll() {
  mkdirSync('dist/bundle-cache', {recursive: true});
  const folder = mkdtempSync(join(tmpdir(), 'aigc-cache-'));
  const trail = join(folder, 'trail.jsonl');
  const examples = ['--now', '2026-06-01T00:00:00Z', '--input', 'fixtures/invocations/examples.jsonl'];
  try {
    // In this order: the trail the enforce run writes is the one verify, append and export read.
    const runs = {
      enforce: ['enforce', ...examples, '--chain', trail],
      'chain-verify': ['chain', 'verify', trail],
      'chain-append': ['chain', 'append', join(folder, 'appended.jsonl')],
      'compliance-export': ['compliance', 'export', '-i', trail],
      'policy-lint': ['policy', 'lint', 'policies', '-f', 'text'],
      'policy-validate': ['policy', 'validate', 'policies'],
      'policy-test': ['policy', 'test', 'fixtures/suites', '-f', 'text'],
      replay: ['replay', 'fixtures/golden', '--update=none'],
      schema: ['schema', 'policy'],
      // The start with no command: help, rendered by oclif.
      start: ['--help'],
    };
    for (const [cache, args] of Object.entries(runs)) {
      // chain append reads the artifacts on stdin.
      const input = cache === 'chain-append' ? readFileSync(trail) : '';
      const run = spawnSync(process.execPath, ['scripts/bundle-cache.js', cache, ...args], {input, stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8'});
      if (run.status !== 0) throw new Error(`making the ${cache} cache failed (exit ${run.status ?? run.signal}): ${run.stderr}`);
    }
  } finally {
    rmSync(folder, {recursive: true, force: true});
  }
}

async function makeOne(cache, args) {
  const {exports, script, source} = loadBundle(args, {useCache: false});
  await exports.main(args, {importModule: (url) => import(url)});
  writeBundleCache(cache, script, source);
  // The examples include FAIL verdicts; making the cache succeeded.
  process.exitCode = 0;
}
