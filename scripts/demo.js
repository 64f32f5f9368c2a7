// The main job on the bundled examples: lint and validate the example
// policies, enforce the example invocations and summarise the verdicts, then
// run the policy test suites and replay the golden fixtures.
// Run with `npm run demo` (which builds first).
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const cli = ['bin/run.js'];
const step = (title, args, options = {}) => {
  process.stdout.write(`\n$ aigc ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [...cli, ...args], {encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], ...options});
  if (result.error) throw result.error;
  return {title, ...result};
};

const lint = step('lint', ['policy', 'lint', 'policies', '-f', 'text']);
process.stdout.write(lint.stdout || 'no findings\n');
const validate = step('validate', ['policy', 'validate', 'policies', '--now', '2026-06-01T00:00:00Z']);
process.stdout.write(validate.stdout);

const invocations = readFileSync('fixtures/invocations/examples.jsonl', 'utf8');
const enforce = step('enforce', ['enforce', '--now', '2026-06-01T00:00:00Z'], {input: invocations});
const artifacts = enforce.stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
for (const artifact of artifacts) {
  const verdict = artifact.enforcement_result === 'PASS' ? 'PASS' : `FAIL at ${artifact.failure_gate}: ${artifact.failure_reason}`;
  process.stdout.write(`  ${artifact.policy_file} (${artifact.role}): ${verdict}\n`);
}
const passed = artifacts.filter((artifact) => artifact.enforcement_result === 'PASS').length;
process.stdout.write(`\n${artifacts.length} invocations enforced: ${passed} PASS, ${artifacts.length - passed} FAIL\n`);

const tests = step('test', ['policy', 'test', 'fixtures/suites', '-f', 'text']);
process.stdout.write(tests.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('ok ')).join('\n') + '\n');
// CI=true: a fixture without an expectation fails instead of being written.
const replay = step('replay', ['replay', 'fixtures/golden'], {env: {...process.env, CI: 'true'}});
process.stdout.write(replay.stdout);

const failures = [
  lint.status !== 0 && 'lint',
  validate.status !== 0 && 'validate',
  enforce.status > 1 && 'enforce',
  tests.status !== 0 && 'policy test',
  replay.status !== 0 && 'replay',
].filter(Boolean);
if (failures.length > 0) {
  process.stdout.write(`demo failed at: ${failures.join(', ')}\n`);
  process.exit(1);
}
