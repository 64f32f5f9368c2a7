#!/usr/bin/env node
// Production entry. `aigc enforce` sits in shell pipelines and `aigc policy
// test` runs large suites in CI, so both start without oclif through a
// pre-bundled entry; every other command (and their --help, or flags the fast
// path does not parse) runs through oclif with the generated manifest.
const args = process.argv.slice(2);
const help = args.some((arg) => arg === '--help' || arg === '-h');
if (args[0] === 'enforce' && !help) {
  const {loadEnforce} = await import('./enforce-loader.js');
  const {main} = loadEnforce().exports;
  // No process.exit(): pipes drain asynchronously, and exiting would drop queued output.
  if (!(await main(args.slice(1), {importModule: (url) => import(url)}))) await runOclif();
} else if (args[0] === 'policy' && args[1] === 'test' && !help) {
  const {main} = await import('../dist/policy-test/policy-test.js');
  if (!(await main(args.slice(2)))) await runOclif();
} else {
  await runOclif();
}

async function runOclif() {
  const {execute} = await import('@oclif/core');
  await execute({dir: import.meta.url});
}
