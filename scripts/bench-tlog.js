// Benchmark of the transparency log (after a build): a trail of 1,000,000
// artifacts (AIGC_BENCH_TLOG_ARTIFACTS) is checkpointed from scratch (root and
// tile store in one pass), then 1,000 random leaves are proven from the tiles
// and the proofs verified offline; then the commands an operator and an
// auditor run, as whole processes (`aigc chain checkpoint`, `chain prove`,
// `chain verify-proof`). Each pass over the trail is timed beside `sha256sum`
// and Node's own SHA-256 of the same file, run just before and after it, so
// the ratios hold on a busy machine. The `tlog` section of `npm run bench`
// (scripts/bench.js); run alone, it prints figures and targets and exits 1
// when a target is missed.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs';
import {availableParallelism, loadavg, tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/run.js');
const aigc = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
const COUNT = Number(process.env.AIGC_BENCH_TLOG_ARTIFACTS ?? 1_000_000);
const PROOFS = Number(process.env.AIGC_BENCH_TLOG_PROOFS ?? 1_000);
const CLI_RUNS = 5;
let work;
let trail;

/** The rows of the tlog section: [name, figure, target met, target]. */
export async function measureTransparencyLog() {
  work = mkdtempSync(join(tmpdir(), 'aigc-bench-tlog-'));
  trail = join(work, 'trail.jsonl');
  try {
    return await measure();
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await measureTransparencyLog();
  console.log('');
  for (const [name, figure, ok, target] of rows) console.log(`${ok ? 'ok  ' : 'MISS'}  ${name.padEnd(22)} ${figure.padEnd(72)} target ${target}`);
  process.exitCode = rows.every(([, , ok]) => ok) ? 0 : 1;
}

async function measure() {
  const written = writeTrail(trail, COUNT);
  const mib = written / (1024 * 1024);
  console.log(`transparency log over ${COUNT.toLocaleString('en')} artifacts (${mib.toFixed(0)} MiB), ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}`);
  const pair = await timedBeside(() => null);
  const log = aigc.generateNoteKeyPair('bench.example/log');
  const signer = aigc.parseSignerKey(log.signerKey);
  const verifier = aigc.parseVerifierKey(log.verifierKey);

  const checkpoint = await timedBeside(() => aigc.checkpointTrail(trail, signer, {rebuild: true}));
  const rootOnly = await timedBeside(() => aigc.readTrailTree(trail));
  const verify = await timedBeside(() => aigc.verifyTrailCheckpoints(trail, [{note: checkpoint.value.note, source: 'bench'}], [verifier]));

  const note = checkpoint.value.note;
  const indexes = Array.from({length: PROOFS}, () => Math.floor(Math.random() * COUNT));
  const proofTimes = [];
  const proofs = [];
  for (const index of indexes) {
    const started = process.hrtime.bigint();
    proofs.push((await aigc.proveTrailLeaf(trail, note, {index})).proof);
    proofTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const leaves = await leavesAt(trail, indexes);
  const verifyStarted = process.hrtime.bigint();
  for (const [i, proof] of proofs.entries()) aigc.verifyInclusionProofText(proof, leaves.get(indexes[i]), [verifier]);
  const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;

  const appending = openSync(trail, 'a');
  writeSync(appending, '{"appended": true}\n');
  closeSync(appending);
  const updateStarted = process.hrtime.bigint();
  await aigc.updateTrailCheckpoint(trail, signer, {output: join(work, 'trail.checkpoint')});
  const updateMs = Number(process.hrtime.bigint() - updateStarted) / 1e6;
  const commands = measureCommands(log, indexes, leaves);

  proofTimes.sort((a, b) => a - b);
  const median = proofTimes[Math.floor(proofTimes.length / 2)];
  const worst = proofTimes[proofTimes.length - 1];
  const rate = (run) => `${(mib / run.seconds).toFixed(0)} MiB/s, ${Math.round(COUNT / run.seconds).toLocaleString('en')} artifacts/s`;
  const vs = (run) => `${(run.seconds / run.sha256sum).toFixed(2)}x sha256sum, ${(run.seconds / run.nodeSha256).toFixed(2)}x node sha256`;
  const rows = [
    ['sha256sum', `${(mib / pair.sha256sum).toFixed(0)} MiB/s; node sha256 ${(mib / pair.nodeSha256).toFixed(0)} MiB/s`, true, 'reported'],
    ['checkpoint (rebuild)', `${rate(checkpoint)}; ${vs(checkpoint)}`, checkpoint.seconds / checkpoint.sha256sum <= 1.5, '<= 1.5x sha256sum'],
    ['root only', `${rate(rootOnly)}; ${vs(rootOnly)}`, true, 'reported'],
    ['verify checkpoint', `${rate(verify)}; ${vs(verify)}`, verify.seconds / verify.sha256sum <= 1.5, '<= 1.5x sha256sum'],
    ['prove (tiles)', `median ${median.toFixed(2)} ms, worst ${worst.toFixed(1)} ms over ${PROOFS.toLocaleString('en')} leaves`, worst < 250, 'worst < 250 ms'],
    ['verify proofs', `${Math.round(PROOFS / verifySeconds).toLocaleString('en')} proofs/s`, true, 'reported'],
    ['append + checkpoint', `${updateMs.toFixed(1)} ms for 1 artifact on ${COUNT.toLocaleString('en')}`, updateMs < 100, '< 100 ms'],
    ['aigc chain checkpoint', `${commands.checkpoint.toFixed(0)} ms whole-process (median of ${CLI_RUNS}, tiles current)`, commands.checkpoint < 1000, '< 1000 ms'],
    ['aigc chain prove', `${commands.prove.toFixed(0)} ms whole-process (median of ${CLI_RUNS} random leaves)`, commands.prove < 1000, '< 1000 ms'],
    ['aigc chain verify-proof', `${commands.verifyProof.toFixed(0)} ms whole-process (median of ${CLI_RUNS})`, true, 'reported'],
  ];
  return rows;
}

/** Whole-process medians of the commands over the checkpointed trail (their tile store is current). */
function measureCommands(log, indexes, leaves) {
  const keyFile = join(work, 'log.key');
  const pubFile = join(work, 'log.pub');
  writeFileSync(keyFile, `${log.signerKey}\n`, {mode: 0o600});
  writeFileSync(pubFile, `${log.verifierKey}\n`);
  const checkpointFile = join(work, 'cli.checkpoint');
  const proofFile = join(work, 'cli.proof');
  const checkpoint = medianMs(() => aigcRun(['chain', 'checkpoint', trail, '--key-file', keyFile, '-o', checkpointFile]));
  const prove = medianMs((run) => aigcRun(['chain', 'prove', trail, '--index', String(indexes[run]), '--checkpoint', checkpointFile, '-o', proofFile]));
  aigcRun(['chain', 'prove', trail, '--index', String(indexes[0]), '--checkpoint', checkpointFile, '-o', proofFile]);
  const verifyProof = medianMs(() => aigcRun(['chain', 'verify-proof', proofFile, '--pubkey', pubFile, '-'], leaves.get(indexes[0])));
  return {checkpoint, prove, verifyProof};
}

function aigcRun(args, input) {
  const run = spawnSync(process.execPath, [cli, ...args], {input, stdio: ['pipe', 'ignore', 'pipe']});
  if (run.status !== 0) throw new Error(`aigc ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
}

function medianMs(action) {
  const times = [];
  for (let run = 0; run < CLI_RUNS; run++) {
    const started = process.hrtime.bigint();
    action(run);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(CLI_RUNS / 2)];
}

/** Runs `action` once, with `sha256sum` and Node's SHA-256 of the trail just before and after it (their medians). */
async function timedBeside(action) {
  const before = [sha256sumSeconds(), await nodeSha256Seconds()];
  const started = process.hrtime.bigint();
  const value = await action();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = [sha256sumSeconds(), await nodeSha256Seconds()];
  return {value, seconds, sha256sum: (before[0] + after[0]) / 2, nodeSha256: (before[1] + after[1]) / 2};
}

function sha256sumSeconds() {
  const started = process.hrtime.bigint();
  const run = spawnSync('sha256sum', [trail], {stdio: 'ignore'});
  if (run.status !== 0) throw new Error('sha256sum failed');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function nodeSha256Seconds() {
  const started = process.hrtime.bigint();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(trail, {highWaterMark: 4 << 20})) hash.update(chunk);
  hash.digest();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The lines at `indexes` (the trail has no blank lines), read in one pass. */
async function leavesAt(path, indexes) {
  const wanted = new Set(indexes);
  const found = new Map();
  let index = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, {encoding: 'utf8', highWaterMark: 4 << 20})) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      if (wanted.has(index)) found.set(index, line);
      index++;
    }
  }
  return found;
}

/** A trail of `count` artifacts shaped like enforce's (about 1 KiB each); returns its size in bytes. */
function writeTrail(path, count) {
  const fd = openSync(path, 'w');
  let batch = '';
  let previous = null;
  for (let n = 0; n < count; n++) {
    const pass = n % 5 !== 3;
    const checksum = createHash('sha256').update(String(n)).digest('hex');
    batch += `${JSON.stringify({
      audit_schema_version: '1.4',
      policy_file: 'policies/support-assistant.yaml',
      policy_version: '2.1',
      model_provider: 'openai',
      model_identifier: 'gpt-4o',
      role: pass ? 'planner' : 'intruder',
      enforcement_result: pass ? 'PASS' : 'FAIL',
      failures: pass ? [] : [{code: 'GOVERNANCE_VIOLATION', field: 'role', message: "Role 'intruder' is not in the policy's roles"}],
      failure_gate: pass ? null : 'role_validation',
      input_checksum: checksum,
      output_checksum: checksum,
      context: {n, note: `café #${n}`, role_declared: true},
      timestamp: 1780000000 + n,
      metadata: {enforcement_mode: 'unified', gates_evaluated: ['guard_evaluation', 'role_validation', 'precondition_validation', 'tool_constraint_validation', 'schema_validation', 'postcondition_validation', 'risk_scoring']},
      risk_score: (n % 10) / 20,
      signature: checksum,
      chain_id: 'bench-chain',
      chain_index: n,
      previous_audit_checksum: previous,
      checksum,
    })}\n`;
    previous = checksum;
    if (batch.length > 1 << 20) {
      writeSync(fd, batch);
      batch = '';
    }
  }
  writeSync(fd, batch);
  closeSync(fd);
  return statSync(path).size;
}
