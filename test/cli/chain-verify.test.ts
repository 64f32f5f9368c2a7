// `aigc chain verify` as its runner sees it: exit codes, where the report goes,
// bad input, and interchange with the Python reference in both directions.
import {spawnSync} from 'node:child_process';
import {chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {HmacSigner} from '../../src/audit/signing.js';
import {verifyTrails} from '../../src/audit/verify/index.js';
import {runEnforce} from '../../src/cli/run-enforce.js';
import {runVerify, type VerifyFlags} from '../../src/cli/run-verify.js';
import type {VerifyJsonReport} from '../../src/cli/reporters/verify/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DATA = join(ROOT, 'test', 'data', 'chains');
const TRAIL = join(DATA, 'reference-chain.jsonl');
const KEY_FILE = join(DATA, 'reference-chain.key');
const LINES = readFileSync(TRAIL, 'utf8').trimEnd().split('\n');

interface Run {
  code: number;
  stdout: string;
}

async function verify(files: string[], flags: VerifyFlags = {}, options: {env?: Record<string, string>; stdin?: Buffer} = {}): Promise<Run> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await runVerify(files, flags, {
    stdin: Readable.from([options.stdin ?? Buffer.alloc(0)]),
    stdout,
    stderr: new PassThrough(),
    env: options.env ?? {},
    cwd: ROOT,
    importModule: (url) => import(url),
  });
  return {code, stdout: Buffer.concat(chunks).toString('utf8')};
}

async function verifyJson(files: string[], flags: VerifyFlags = {}, options = {}): Promise<{code: number; report: VerifyJsonReport}> {
  const run = await verify(files, {...flags, json: true}, options);
  return {code: run.code, report: JSON.parse(run.stdout) as VerifyJsonReport};
}

function tempFile(name: string, contents: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aigc-verify-')), name);
  writeFileSync(file, contents);
  return file;
}

describe('aigc chain verify', () => {
  it('prints one summary line per chain and exits 0 for an intact signed trail', async () => {
    const run = await verify([TRAIL], {'key-file': KEY_FILE, format: 'text'});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\nchain reference-chain: 40/40 artifacts intact, 40/40 signatures valid\n');
  });

  it('states that signatures were not checked when no key is given', async () => {
    const run = await verify([TRAIL], {format: 'text'});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('chain reference-chain: 40/40 artifacts intact, signatures not checked');
    expect(run.stdout).toContain('signatures were not checked: no key given');
  });

  it('exits 1 and points at the line for each tampering', async () => {
    const tampered: [string, string[], number][] = [
      ['edited', LINES.map((line, n) => (n === 4 ? line.replace('"role": "planner"', '"role": "admin"') : line)), 5],
      ['deleted', LINES.filter((_, n) => n !== 9), 10],
      ['duplicated', [...LINES.slice(0, 10), LINES[9], ...LINES.slice(10)], 11],
      ['swapped', [...LINES.slice(0, 9), LINES[10], LINES[9], ...LINES.slice(11)], 10],
    ];
    for (const [name, lines, line] of tampered) {
      const {code, report} = await verifyJson([tempFile(`${name}.jsonl`, `${lines.join('\n')}\n`)], {'key-file': KEY_FILE});
      expect([name, code, report.problems[0]?.line]).toEqual([name, 1, line]);
    }
    const truncated = tempFile('truncated.jsonl', `${LINES.join('\n')}`.slice(0, -100));
    const {code, report} = await verifyJson([truncated], {'key-file': KEY_FILE});
    expect([code, report.problems[0]]).toMatchObject([1, {line: 40, code: 'truncated'}]);
  });

  it('reads stdin for -', async () => {
    const run = await verify(['-'], {format: 'text'}, {stdin: readFileSync(TRAIL)});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('-: 40 artifacts in 1 chain');
  });

  it('writes the report to a file with -o', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'aigc-verify-')), 'report.json');
    const run = await verify([TRAIL], {json: true, output});
    expect(run).toEqual({code: 0, stdout: ''});
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({formatVersion: 1, valid: true, signaturesChecked: false});
  });

  it('exits 1 for an empty file and for binary data', async () => {
    expect((await verifyJson([tempFile('empty.jsonl', '')])).report.problems[0]).toMatchObject({code: 'no-artifacts'});
    const binary = Buffer.from(Array.from({length: 4096}, (_, n) => (n * 7919) % 256));
    const {code, report} = await verifyJson([tempFile('binary.bin', binary)]);
    expect(code).toBe(1);
    expect(report.problems.every((problem) => ['invalid-utf8', 'invalid-json', 'truncated'].includes(problem.code))).toBe(true);
  });

  it('reports a line over the limit without reading it into memory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aigc-verify-')), 'one-line.jsonl');
    // 64 MiB of one sparse line, against a 1 MiB limit: reported once, never buffered.
    const fd = openSync(file, 'w');
    writeSync(fd, '{"x":"', 0);
    writeSync(fd, '"}', 64 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const {code, report} = await verifyJson([file], {}, {env: {AIGC_MAX_LINE_BYTES: String(1024 * 1024)}});
    expect(code).toBe(1);
    expect(report.problems).toEqual([expect.objectContaining({code: 'line-too-long', line: 1})]);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('exits 3 for a missing file, a folder and an unreadable file', async () => {
    await expect(verify([join(DATA, 'missing.jsonl')])).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining('no such file')});
    await expect(verify([DATA])).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining('folder')});
    const locked = tempFile('locked.jsonl', LINES[0]);
    chmodSync(locked, 0);
    const root = process.getuid?.() === 0;
    if (!root) await expect(verify([locked])).rejects.toMatchObject({exitCode: 3, message: expect.stringContaining('permission denied')});
  });

  it('exits 2 for a bad key flag or limit', async () => {
    await expect(verify([TRAIL], {'key-env': 'AIGC_UNSET_KEY'})).rejects.toMatchObject({exitCode: 2});
    await expect(verify([TRAIL], {}, {env: {AIGC_MAX_LINE_BYTES: 'lots'}})).rejects.toMatchObject({exitCode: 2});
    await expect(verify(['-', '-'])).rejects.toMatchObject({exitCode: 2});
  });
});

describe('interchange with the reference', () => {
  const KEY = 'enforce-interop-key';

  async function enforceChain(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-interop-'));
    const chainFile = join(dir, 'audit.jsonl');
    const policy = join(DATA, 'reference-chain-policy.yaml');
    // Written as raw JSON text: JavaScript literals would lose `1.0` and the big integer.
    const odd = ['1.0', '1e-07', '12345678901234567890123', '"é☃😀"', '[1.0, {"z": 2, "a": 1}]'];
    const invocations = Array.from({length: 30}, (_, n) =>
      JSON.stringify({
        policy_file: policy,
        model_provider: 'openai',
        model_identifier: 'gpt-4o',
        role: n % 7 === 3 ? 'intruder' : 'planner',
        input: {question: `q${n}`},
        output: n % 11 === 5 ? {score: 0.5} : {answer: `a${n}`, score: (n % 10) / 9},
        context: {role_declared: true, n, odd: 'ODD'},
      }).replace('"ODD"', odd[n % odd.length]),
    );
    invocations.push('not json', '[1, 2]');
    await runEnforce({
      stdin: Readable.from([Buffer.from(`${invocations.join('\n')}\n`)]),
      stdout: new PassThrough().resume(),
      stderr: new PassThrough(),
      now: 1700000000,
      signingKey: Buffer.from(KEY),
      chainFile,
      chainId: 'enforce-chain',
    });
    return chainFile;
  }

  it('verifies a chain written by aigc enforce --chain with a key, every artifact signed', async () => {
    const chainFile = await enforceChain();
    const report = await verifyTrails([{file: chainFile, source: chainFile}], {signer: new HmacSigner(KEY)});
    expect(report.valid).toBe(true);
    expect(report.files[0].chains).toEqual([expect.objectContaining({chainId: 'enforce-chain', artifacts: 32, intact: 32, signaturesValid: 32})]);
  });

  // Runs where a checkout of the Python reference is named by AIGC_REFERENCE (e.g. AIGC_REFERENCE=../aigc-py npm test).
  const reference = process.env.AIGC_REFERENCE ?? '';
  const python = reference && existsSync(reference) ? spawnSync('python3', ['-c', 'import aigc'], {env: {...process.env, PYTHONPATH: reference}}) : undefined;
  it.skipIf(python?.status !== 0)(`has that chain verified by the reference’s verify_chain and verify_artifact${python?.status === 0 ? '' : ' (skipped: set AIGC_REFERENCE to a checkout of nealsolves/aigc)'}`, async () => {
    const chainFile = await enforceChain();
    const keyFile = join(mkdtempSync(join(tmpdir(), 'aigc-interop-')), 'key');
    writeFileSync(keyFile, `${KEY}\n`);
    const check = spawnSync('python3', [join(ROOT, 'scripts', 'gen-reference-chain.py'), 'check', chainFile, '--key-file', keyFile], {
      env: {...process.env, PYTHONPATH: reference},
      encoding: 'utf8',
    });
    expect(check.stdout).toContain('chain enforce-chain: verify_chain ok, 32 artifacts, 32/32 signatures valid');
    expect(check.status).toBe(0);
  });
});
