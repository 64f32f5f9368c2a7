#!/usr/bin/env node
// Production entry. `aigc enforce` sits in shell pipelines, so it starts
// without oclif through a pre-bundled entry; every other command (and
// `enforce --help`) runs through oclif with the generated manifest.
const args = process.argv.slice(2);
if (args[0] === 'enforce' && !args.some((arg) => arg === '--help' || arg === '-h')) {
  const {main} = await import('../dist/enforce.bundle.js');
  // No process.exit(): pipes drain asynchronously, and exiting would drop queued output.
  if (!(await main(args.slice(1)))) await runOclif();
} else {
  await runOclif();
}

async function runOclif() {
  const {execute} = await import('@oclif/core');
  await execute({dir: import.meta.url});
}
