// `npm run demo` (which builds first): the whole story of aigc on the bundled
// examples, told in a temporary folder so the checkout is never written: a
// lint that finds mistakes, the policy tests with one deliberate failure, the
// golden replays, enforcement into a signed hash-chained trail with a signed
// checkpoint, its verification (with the key, and with only the public key)
// before and after tampering, and a compliance report.
// Exit 0 when every step behaved as the story says (the lint, the failing case
// and the tampered trail are meant to fail), 1 otherwise.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const checkout = resolve(import.meta.dirname, '..');
const cli = join(checkout, 'bin', 'run.js');
const work = mkdtempSync(join(tmpdir(), 'aigc-demo-'));
const NOW = '2026-06-01T00:00:00Z';
// A key made for this run only: HMAC signatures need a secret, never one in a file of the checkout.
const env = {...process.env, AIGC_KEY: randomBytes(32).toString('hex'), CI: 'true', NO_COLOR: '1'};
const surprises = [];

const say = (text) => process.stdout.write(`${text}\n`);
const heading = (text) => say(`\n━━ ${text}`);

/** Runs `aigc ARGS` in the work folder, shows the command line, and notes a surprise when it exits otherwise than expected. */
function aigc(args, {expect = 0, shown = `aigc ${args.join(' ')}`} = {}) {
  say(`$ ${shown}`);
  const result = spawnSync(process.execPath, [cli, ...args], {cwd: work, env, encoding: 'utf8'});
  if (result.error) throw result.error;
  if (result.status !== expect) surprises.push(`${shown} exited ${result.status}, not ${expect}:\n${result.stderr}`);
  return result;
}

const show = (text) => {
  if (text.trim() !== '') say(text.trimEnd());
};

heading('Where the inputs come from');
cpSync(join(checkout, 'policies'), join(work, 'policies'), {recursive: true});
cpSync(join(checkout, 'fixtures'), join(work, 'fixtures'), {recursive: true});
say(`A temporary copy of this checkout's policies/ and fixtures/, in ${work}:`);
say('  policies/            six example policies (support, coding agent, clinical, research, analytics over a shared base)');
say('  fixtures/suites/     their policy test suites (*.test.yaml)');
say('  fixtures/golden/     golden replay fixtures: recorded invocations with the artifacts they must produce');
say('  fixtures/invocations/examples.jsonl   a stream of 15 model invocations, one JSON object per line');

heading('1. Lint finds mistakes before anything runs');
mkdirSync(join(work, 'broken'));
const broken = readFileSync(join(work, 'policies', 'support-assistant.yaml'), 'utf8')
  .replace('policy_version: "1.2"', 'policy_version: 1.2')
  .replace('    - output_schema_valid', '    - output_schema_valid\n    - answer_is_polite')
  .replace('max_calls: 1', 'max_calls: 0');
writeFileSync(join(work, 'broken', 'support-assistant.yaml'), broken);
say('broken/support-assistant.yaml is policies/support-assistant.yaml with three edits a person might make:');
say('an unquoted version, a postcondition aigc does not know, and a tool budget of zero.');
const lint = aigc(['policy', 'lint', 'broken', '-f', 'pretty'], {expect: 1});
show(lint.stdout);
show(lint.stderr);

heading('2. Policy tests: expected verdicts, with one deliberate failure');
writeFileSync(
  join(work, 'fixtures', 'suites', 'deliberate-mistake.test.yaml'),
  `suite: a deliberate mistake
description: Expects what the policy forbids, to show how a failing case reads.
policy: ../../policies/support-assistant.yaml
now: "${NOW}"
cases:
  - name: a supervisor may look up two orders
    model_provider: internal
    model_identifier: support-7b
    role: supervisor
    input: {question: "Where are my orders?"}
    context: {customer_verified: true, ticket_id: TCK-004211}
    output: {answer: Both ship tomorrow., confidence: 0.9, escalate: false}
    tool_calls: [{name: order_lookup}, {name: order_lookup}]
    expect: pass
`,
);
say('fixtures/suites/deliberate-mistake.test.yaml (written for the demo) expects a supervisor to look up two orders.');
const tests = aigc(['policy', 'test', 'fixtures/suites', '-f', 'text'], {expect: 1});
show(
  tests.stdout
    .split('\n')
    .filter((line) => !line.startsWith('ok '))
    .join('\n'),
);
say('The policy allows one order_lookup per invocation (tools.allowed_tools, max_calls: 1) for every role,');
say('so the case is wrong, not the policy: aigc names the case, its line, what was expected and where it failed.');
say('(The passing cases are left out here; the report lists each one as "ok".)');

heading('3. Replay: the golden fixtures still produce their recorded artifacts');
const replay = aigc(['replay', 'fixtures/golden']);
show(replay.stdout.split('\n').filter((line) => !line.startsWith('ok ')).join('\n'));

heading('4. Enforce the invocation stream into a signed, hash-chained, checkpointed audit trail');
say('AIGC_KEY holds a random HMAC key made for this run; demo.key/demo.pub are an Ed25519 key pair made now.');
const keygen = aigc(['chain', 'keygen', 'demo.aigc.example/audit', '-o', 'demo']);
show(keygen.stderr);
const enforceArgs = ['enforce', '--key-env', 'AIGC_KEY', '--chain', 'audit.jsonl', '--checkpoint-key', 'demo.key', '--now', NOW, '--input', 'fixtures/invocations/examples.jsonl'];
const enforce = aigc(enforceArgs, {expect: 1});
const artifacts = enforce.stdout
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
for (const artifact of artifacts) {
  const verdict = artifact.enforcement_result === 'PASS' ? 'PASS' : `FAIL at ${artifact.failure_gate}: ${artifact.failure_reason}`;
  say(`  ${artifact.policy_file} (${artifact.role}): ${verdict}`);
}
const passed = artifacts.filter((artifact) => artifact.enforcement_result === 'PASS').length;
say(`${artifacts.length} artifacts on stdout and in audit.jsonl: ${passed} PASS, ${artifacts.length - passed} FAIL (exit 1: some invocation failed)`);
say('audit.jsonl.checkpoint is a signed note over the Merkle tree of the trail\'s lines (C2SP tlog-checkpoint):');
show(readFileSync(join(work, 'audit.jsonl.checkpoint'), 'utf8'));

heading('5. An auditor verifies the trail');
say('With the HMAC key (the chain and every signature):');
const verify = aigc(['chain', 'verify', 'audit.jsonl', '--key-env', 'AIGC_KEY']);
show(verify.stdout);
show(verify.stderr);
say('Without any secret, only demo.pub (the checkpoint covers every line):');
const verifyPublic = aigc(['chain', 'verify', 'audit.jsonl', '--checkpoint', 'audit.jsonl.checkpoint', '--pubkey', 'demo.pub']);
show(verifyPublic.stdout);
show(verifyPublic.stderr);
say('One artifact proven to be in the log, checkable offline without the trail:');
const prove = aigc(['chain', 'prove', 'audit.jsonl', '--index', '1', '--checkpoint', 'audit.jsonl.checkpoint', '-o', 'line-2.proof']);
show(prove.stderr);
writeFileSync(join(work, 'line-2.json'), readFileSync(join(work, 'audit.jsonl'), 'utf8').split('\n')[1]);
say('line-2.json is line 2 of the trail, as it stands there; the proof and demo.pub are all the auditor needs besides.');
const proof = aigc(['chain', 'verify-proof', 'line-2.proof', 'line-2.json', '--pubkey', 'demo.pub']);
show(proof.stdout);
show(proof.stderr);

heading('6. The same, after someone turns one refusal into a pass');
const trail = readFileSync(join(work, 'audit.jsonl'), 'utf8').split('\n');
const tampered = trail.findIndex((line) => line.includes('"enforcement_result":"FAIL"'));
trail[tampered] = trail[tampered].replace('"enforcement_result":"FAIL"', '"enforcement_result":"PASS"');
writeFileSync(join(work, 'audit.jsonl'), trail.join('\n'));
say(`Line ${tampered + 1} of audit.jsonl now says "enforcement_result":"PASS".`);
const reverify = aigc(['chain', 'verify', 'audit.jsonl', '--key-env', 'AIGC_KEY'], {expect: 1});
show(reverify.stdout);
show(reverify.stderr);
say('The checksum no longer matches the content, and without the key the signature cannot be remade.');
const reverifyPublic = aigc(['chain', 'verify', 'audit.jsonl', '--checkpoint', 'audit.jsonl.checkpoint', '--pubkey', 'demo.pub'], {expect: 1});
show(reverifyPublic.stdout);
show(reverifyPublic.stderr);
say('Even someone holding the HMAC key cannot hide this: the signed checkpoint no longer matches the trail.');

heading('7. A compliance report for people');
const report = aigc(['compliance', 'export', '-i', 'audit.jsonl', '-f', 'html', '-o', 'report.html']);
show(report.stderr);
say(`Open ${join(work, 'report.html')} in a browser (the tampered line counts as it now reads).`);

heading('Next');
say('  aigc init my-policies      a policy, its tests, golden fixtures and a CI workflow that pass their own checks');
say('  docs/policy-language.md    every field of a policy, the guard grammar, composition, dates, risk');
say('  docs/test-suites.md        the suite format, coverage and thresholds');
say('  docs/audit-trails.md       artifacts, chains, signatures, and checking them with the Python SDK');
say(`  rm -r ${work}`);

if (surprises.length > 0) {
  say(`\ndemo failed:\n${surprises.join('\n')}`);
  process.exit(1);
}
