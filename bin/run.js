#!/usr/bin/env node
// Production entry. `aigc enforce` sits in shell pipelines and `aigc policy
// test` runs large suites in CI, so both start without oclif through a
// pre-bundled entry; every other command (and their --help, or flags the fast
// path does not parse) runs through oclif with the generated manifest.
// Every command allows V8's linear-time regex engine, which bounds the
// matching of patterns from policies, suites and flags (it is turned on when
// a pattern first needs it: always after the enforce bundle is compiled, since
// V8 rejects a code cache made under other flags).
const args = process.argv.slice(2);
const help = args.some((arg) => arg === '--help' || arg === '-h');
if (args[0] === 'enforce' && !help) {
  const {loadEnforce} = await import('./enforce-loader.js');
  const {main, enableLinearRegexEngine} = loadEnforce().exports;
  enableLinearRegexEngine();
  // No process.exit(): pipes drain asynchronously, and exiting would drop queued output.
  if (!(await main(args.slice(1), {importModule: (url) => import(url)}))) await runOclif();
} else if (args[0] === 'policy' && args[1] === 'test' && !help) {
  const {main, enableLinearRegexEngine} = await import('../dist/policy-test/policy-test.js');
  enableLinearRegexEngine();
  if (!(await main(args.slice(2)))) await runOclif();
} else {
  await runOclif();
}

async function runOclif() {
  const {enableLinearRegexEngine} = await import('../dist/src/python/regex/linear-engine.js');
  enableLinearRegexEngine();
  const {execute} = await import('@oclif/core');
  await execute({dir: import.meta.url});
}
