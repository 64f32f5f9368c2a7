// Makes dist/enforce.bundle.cache, V8's code cache of the `aigc enforce`
// bundle (see bin/enforce-loader.js): the bundle is compiled without a cache,
// runs on the bundled example invocations (so what a run compiles is in the
// cache, not only the top level), and its compiled script is saved. Run by
// scripts/bundle.js, from the project root, with stdout discarded.
import {loadEnforce, writeEnforceCache} from '../bin/enforce-loader.js';

const {exports, script, source} = loadEnforce({useCache: false});
await exports.main(['--now', '2026-06-01T00:00:00Z', '--input', 'fixtures/invocations/examples.jsonl']);
writeEnforceCache(script, source);
// The examples include FAIL verdicts; making the cache succeeded.
process.exitCode = 0;
