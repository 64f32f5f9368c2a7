// Benchmarks (`npm run bench`, after a build): enforce throughput and peak
// memory on a generated NDJSON stream of 10,000 invocations over varied
// policies, and the cold start of `aigc enforce` against `node -e 0`,
// measured in the same run. Prints figures and the targets; exits 1 when a
// target is missed.
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/run.js');
const rssHook = join(root, 'scripts/bench-rss.cjs');
const work = mkdtempSync(join(tmpdir(), 'aigc-bench-'));
const INVOCATIONS = Number(process.env.AIGC_BENCH_INVOCATIONS ?? 10_000);
const COLD_RUNS = Number(process.env.AIGC_BENCH_COLD_RUNS ?? 15);

cpSync(join(root, 'policies'), join(work, 'policies'), {recursive: true});
const corpus = generateCorpus(INVOCATIONS);
writeFileSync(join(work, 'invocations.jsonl'), corpus.lines.join('\n') + '\n');

const throughput = await measureThroughput();
const cold = measureColdStart(corpus.lines[0]);

const results = [
  ['enforce throughput', `${Math.round(throughput.perSecond).toLocaleString('en')} invocations/s`, throughput.perSecond >= 10_000, '>= 10,000/s'],
  ['enforce peak memory', `${(throughput.maxRssKiB / 1024).toFixed(1)} MiB`, true, 'reported'],
  ['cold start (median)', `${cold.enforce.toFixed(1)} ms vs node -e 0 ${cold.node.toFixed(1)} ms = ${cold.ratio.toFixed(2)}x`, cold.ratio <= 2.0, '<= 2.0x'],
];
console.log(`\n${INVOCATIONS.toLocaleString('en')} invocations over ${corpus.policies} policies (${corpus.pass} PASS, ${corpus.fail} FAIL); ${COLD_RUNS} cold-start runs each\n`);
for (const [name, figure, ok, target] of results) console.log(`${ok ? 'ok  ' : 'MISS'}  ${name.padEnd(22)} ${figure.padEnd(48)} target ${target}`);
process.exitCode = results.every(([, , ok]) => ok) ? 0 : 1;

function generateCorpus(count) {
  const base = JSON.parse(`[${readFileSync(join(root, 'fixtures/invocations/examples.jsonl'), 'utf8').trim().split('\n').join(',')}]`);
  const extra = [];
  // Policies made here widen the mix: guards, tools and risk on every path.
  for (let i = 0; i < 20; i++) {
    const name = `generated-${i}.yaml`;
    writeFileSync(
      join(work, 'policies', name),
      [
        `policy_version: "${i}.0"`,
        `roles: [planner, reviewer, role-${i}]`,
        'conditions: {is_enterprise: {type: boolean, default: false}}',
        'guards:',
        `  - when: {condition: "is_enterprise and tier > ${i % 5}"}`,
        '    then: {pre_conditions: {required: {account_id: {type: string, pattern: "^A[0-9]+$"}}}}',
        'pre_conditions: {required: {tier: {type: integer, minimum: 0}}}',
        `tools: {allowed_tools: [{name: search, max_calls: ${1 + (i % 3)}}]}`,
        'output_schema: {type: object, properties: {answer: {type: string}, score: {type: number, maximum: 1}}, required: [answer]}',
        'post_conditions: {required: [output_schema_valid]}',
        `risk: {mode: ${['strict', 'risk_scored', 'warn_only'][i % 3]}, threshold: 0.${5 + (i % 4)}, factors: [{name: ext, weight: 0.3, condition: external_model}, {name: ent, weight: 0.4, condition: is_enterprise}]}`,
      ].join('\n'),
    );
    extra.push(name);
  }
  const lines = [];
  let pass = 0;
  for (let n = 0; n < count; n++) {
    let invocation;
    if (n % 3 === 0) {
      invocation = structuredClone(base[n % base.length]);
    } else {
      const i = n % extra.length;
      invocation = {
        policy_file: `policies/${extra[i]}`,
        model_provider: n % 4 === 0 ? 'internal' : 'openai',
        model_identifier: 'gpt-4o',
        role: n % 11 === 0 ? 'intruder' : 'planner',
        input: {question: `question ${n}`, n},
        context: {tier: n % 7, is_enterprise: n % 5 === 0, account_id: n % 13 === 0 ? 'bad' : `A${n}`},
        output: {answer: `answer ${n}`, score: (n % 10) / 9},
        tool_calls: Array.from({length: n % 4}, () => ({name: 'search'})),
      };
    }
    lines.push(JSON.stringify(invocation));
  }
  const probe = spawnSync(process.execPath, [cli, 'enforce', '--now', '1780000000'], {cwd: work, input: lines.join('\n'), maxBuffer: 1 << 30});
  for (const line of probe.stdout.toString().split('\n')) if (line.includes('"enforcement_result":"PASS"')) pass++;
  return {lines, policies: base.length ? new Set([...base.map((b) => b.policy_file), ...extra]).size : extra.length, pass, fail: count - pass};
}

function measureThroughput() {
  const rssFile = join(work, 'rss.txt');
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', rssHook, cli, 'enforce', '--now', '1780000000', '--input', 'invocations.jsonl'], {
      cwd: work,
      env: {...process.env, AIGC_BENCH_RSS_FILE: rssFile},
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lines = 0;
    child.stdout.on('data', (chunk) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.on('error', fail);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (lines !== INVOCATIONS) fail(new Error(`expected ${INVOCATIONS} artifacts, got ${lines}`));
      done({perSecond: INVOCATIONS / seconds, seconds, maxRssKiB: Number(readFileSync(rssFile, 'utf8'))});
    });
  });
}

function measureColdStart(invocation) {
  const time = (args, input) => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, args, {cwd: work, input, stdio: ['pipe', 'ignore', 'ignore']});
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const node = [];
  const enforce = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    node.push(time(['-e', '0'], ''));
    enforce.push(time([cli, 'enforce', '--now', '1780000000'], invocation));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const nodeMedian = median(node);
  const enforceMedian = median(enforce);
  return {node: nodeMedian, enforce: enforceMedian, ratio: enforceMedian / nodeMedian};
}
