// The main job on the bundled examples: lint and validate the example
// policies, then enforce the example invocations and summarise the verdicts.
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

const failures = [lint.status !== 0 && 'lint', validate.status !== 0 && 'validate', enforce.status > 1 && 'enforce'].filter(Boolean);
if (failures.length > 0) {
  process.stdout.write(`demo failed at: ${failures.join(', ')}\n`);
  process.exit(1);
}
